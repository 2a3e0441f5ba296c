def write(job):
    from ..writers import Written
    return Written()
