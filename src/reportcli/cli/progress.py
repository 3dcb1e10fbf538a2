"""A progress bar on stderr for slow first loads: only on a terminal, only after a second."""

from __future__ import annotations

import time
from typing import Any

DELAY = 1.0  # seconds before a bar appears: quick loads never flash one


class LoadProgress:
    """Told (stage, fraction done) as the data loads; a fraction of 1 means the stage is over."""

    def __init__(self) -> None:
        self.started = time.monotonic()
        self._bar: Any = None
        self._task: Any = None

    def __call__(self, stage: str, fraction: float) -> None:
        if fraction >= 1.0:
            self.close()
            return
        if time.monotonic() - self.started < DELAY:
            return
        if self._bar is None:
            from rich.console import Console
            from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

            self._bar = Progress(
                TextColumn("reportcli: {task.description}"),
                BarColumn(),
                TextColumn("{task.percentage:>3.0f}%"),
                TimeElapsedColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self._bar.start()
            self._task = self._bar.add_task(stage, total=1.0)
        self._bar.update(self._task, description=stage, completed=fraction)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None
