"""many_records() pauses the cyclic collector and gives it back as it was."""

from __future__ import annotations

import gc

from ccdesktop.domain.records import many_records


def test_collector_is_enabled_again_and_still_collects_cycles() -> None:
    assert gc.isenabled()
    with many_records():
        assert not gc.isenabled()
        cycle: list[object] = []
        cycle.append(cycle)
        made = [object() for _ in range(1000)]
    assert gc.isenabled()
    assert len(made) == 1000
    del cycle
    assert gc.collect() >= 1  # the cycle made during the pause is still collected


def test_a_nested_pause_does_not_enable_the_collector_early() -> None:
    with many_records():
        with many_records():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_collector_disabled_before_stays_disabled() -> None:
    gc.disable()
    try:
        with many_records():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
