"""Course content: parse, check, render and serialise course folders. Never imports Flask."""
