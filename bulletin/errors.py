"""The tool's own errors: each becomes one line on stderr and an exit code."""


class BulletinError(Exception):
    """A failure the user can act on. ``exit_code`` follows the CLI contract."""

    exit_code = 1


class InputError(BulletinError):
    """Unusable input or options (exit 2): empty, binary, unreadable, bad config."""

    exit_code = 2


class BuildError(BulletinError):
    """A build step failed (exit 1): synthesis, network, disk."""

    exit_code = 1
