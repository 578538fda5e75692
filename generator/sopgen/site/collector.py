"""Python's cyclic garbage collector during a one-shot site build.

Loading and checking a corpus makes about a million long-lived objects (documents, models) and
no garbage; every full pass of the collector over them found nothing and cost about a fifth of
a warm 1,000-SOP build. So a build pauses the collector until the corpus is loaded, then freezes
what is there (the collector never scans it again) and resumes for the pages' short-lived
objects. ``mkdocs serve`` keeps the collector as it is: its process lives on between rebuilds.
"""

from __future__ import annotations

import gc


class CollectorPause:
    def __init__(self) -> None:
        self.paused = False

    def pause(self) -> None:
        if gc.isenabled():
            gc.disable()
            self.paused = True

    def freeze_and_resume(self) -> None:
        """The long-lived objects are made: keep them out of every later pass, collect again."""
        if self.paused:
            gc.freeze()
            gc.enable()
            self.paused = False

    def resume(self) -> None:
        """The build is over (or failed): everything back as it was."""
        gc.unfreeze()
        if self.paused:
            gc.enable()
            self.paused = False
