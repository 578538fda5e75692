"""Python's cyclic garbage collector during a one-shot site build.

Loading and checking a corpus makes about a million long-lived objects (documents, models) and
no garbage; every full pass of the collector over them found nothing and cost about a fifth of
a warm 1,000-SOP build. So a build pauses the collector until the corpus is loaded, then freezes
what is there (the collector never scans it again) and resumes for the pages' short-lived
objects.

``mkdocs serve`` does the same for each rebuild (at 5,000 SOPs the collector was about 45 % of
a save's rebuild), then unfreezes at the end of the rebuild, so that nothing stays frozen
for ever, and collects once the server has been idle for a moment (`collect_when_idle`): the
garbage of a rebuild is reclaimed without the user waiting for it.
"""

from __future__ import annotations

import gc
import threading

IDLE_SECONDS = 1.0
_idle: list[threading.Timer] = []  # the one pending idle collection of this process


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


def collect_when_idle(delay: float = IDLE_SECONDS) -> None:
    """A full collection ``delay`` seconds from now, unless another rebuild asks again first
    (the pending one is then replaced): after a rebuild, not during the next."""
    while _idle:
        _idle.pop().cancel()
    timer = threading.Timer(delay, gc.collect)
    timer.daemon = True
    _idle.append(timer)
    timer.start()
