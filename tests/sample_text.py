"""Article text written for the tests, shared by the reader tests."""

LIBRARY_STORY = [
    "The county library on Elm Street will open two hours later on weekdays from March 2 while "
    "the heating system is replaced, the library board said on Thursday.",
    "Weekend hours do not change, and the book drop beside the front door stays open day and "
    "night for returns during the work.",
    "Library cards can be renewed by telephone or online, and holds placed before the work starts "
    "will be kept for an extra week.",
    "The board expects the new boilers to cut the building's heating bill by about a third and to "
    "end the cold mornings readers have complained about.",
    "Volunteers who run the Tuesday reading circle for children will meet in the community hall "
    "across the road until the work is finished.",
]
