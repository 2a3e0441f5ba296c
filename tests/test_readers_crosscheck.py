"""Checking the HTML reader's article against a second extractor's (bulletin/readers/crosscheck.py)."""
from bulletin.article import Image, Paragraph
from bulletin.readers import crosscheck
from bulletin.readers.crosscheck import trim_unconfirmed_edges as _trim_unconfirmed_edges

STORY = [
    "The county library on Elm Street will open two hours later on weekdays from March 2.",
    "Weekend hours do not change, and the book drop stays open day and night.",
    "Library cards can be renewed by telephone or online during the work.",
]


def opinion(*lines: str) -> crosscheck.Opinion:
    return crosscheck.Opinion("", "\n".join(lines))


def test_a_footer_instead_of_the_story_is_something_else():
    second = opinion(*STORY * 3)
    assert crosscheck.found_something_else("Copyright 2026 Elm Street Gazette | Terms | Privacy", second)
    assert crosscheck.found_something_else("", second)


def test_a_short_body_inside_the_second_opinion_is_kept():
    """The second extractor more often takes too much than the first too little."""
    second = opinion(*STORY, *["Readers also liked these stories from around the county."] * 20)
    assert not crosscheck.found_something_else("\n".join(STORY), second)
    assert crosscheck.agrees("\n".join(STORY), second)


def test_only_the_edges_are_trimmed_and_each_line_is_reported():
    blocks = [
        Paragraph("Published by the Elm Street Gazette newsroom desk"),   # edge, not confirmed
        Image("door.jpg", "Readers queue at the library door"),            # the lead picture
        Paragraph(STORY[0]),
        Paragraph("A line in the middle the second extractor skipped for its own reasons."),
        Paragraph(STORY[1]),
        Paragraph(STORY[2]),
        Paragraph("— Associated Press"),                                   # a sign-off is kept
        Paragraph("More from the Gazette: five parks to visit this winter"),  # edge, not confirmed
        Image("parks.jpg", "Five parks to visit this winter"),             # a picture below the story
    ]
    warnings: list[str] = []
    kept = _trim_unconfirmed_edges(blocks, opinion(*STORY), warnings)
    assert kept == blocks[1:7]  # the lead picture stays
    assert len(warnings) == 3
    assert all(w.startswith(("removed line outside the article", "removed picture outside the article"))
               for w in warnings)


def test_a_whole_sentence_lead_the_second_extractor_missed_is_kept():
    lead = Paragraph("The library board voted on Thursday to replace the boilers that have failed "
                     "three times this winter, leaving readers in coats at their tables.")
    blocks = [lead, *(Paragraph(s) for s in STORY)]
    assert _trim_unconfirmed_edges(blocks, opinion(*STORY), []) == blocks


def test_short_lines_are_confirmed_whole_not_by_a_shared_word():
    second = opinion("Weekend hours do not change.")
    assert second.has_line("Weekend hours")
    assert not second.has_line("Opening hours")


def test_trafilatura_is_loaded_only_for_web_pages():
    """Its import costs about a third of a second; a plain-text article never pays it."""
    import subprocess
    import sys

    code = ("import sys; from bulletin.readers import read; "
            "read(b'Library hours\\n\\nThe library opens later on weekdays from March 2.\\n', detect=False); "
            "print('trafilatura' in sys.modules); "
            "read(b'<html><body><p>The library opens later on weekdays from March 2.</p></body></html>', "
            "fmt='html', detect=False); print('trafilatura' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "True"]


def test_the_headline_marks_no_edge_and_is_not_repeated():
    """Second extractors often start with the headline; captions above it are still trimmed."""
    title = "Library opens later while heating is replaced"
    caption = "Readers queue at the library door on a cold morning (Photo: Gazette)"
    blocks = [Paragraph(title), Paragraph(caption),
              Paragraph(title), *(Paragraph(s) for s in STORY)]
    kept = _trim_unconfirmed_edges(blocks, opinion(title, *STORY), [], title)
    assert kept == blocks[3:]
