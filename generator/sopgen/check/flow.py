"""Rules on steps, actors and the flow between steps (SOP3xx)."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from typing import Any

from ..diagnostics import Diagnostic, Message, Severity
from ..model import END, PathKey
from .suggest import did_you_mean
from .view import SopView

DUPLICATE_STEP_ID = Message(
    "SOP301", Severity.ERROR,
    id="Id langkah `{step_id}` sudah dipakai langkah {first}",
    en="Step id `{step_id}` is already used by step {first}",
    hint_id="Beri setiap langkah id yang berbeda.",
    hint_en="Give every step a different id.",
)
UNKNOWN_ACTOR = Message(
    "SOP302", Severity.ERROR,
    id="Langkah {number}{ident}: pelaksana `{actor}` tidak ada di daftar `pelaksana`",
    en="Step {number}{ident}: actor `{actor}` is not in the `pelaksana` list",
    hint_id="Tulis `id` salah satu pelaksana, atau tambahkan pelaksana ini ke daftar.",
    hint_en="Write the `id` of one of the actors, or add this actor to the list.",
)
DUPLICATE_ACTOR_ID = Message(
    "SOP303", Severity.ERROR,
    id="Id pelaksana `{actor}` sudah dipakai pelaksana ke-{first}",
    en="Actor id `{actor}` is already used by actor #{first}",
    hint_id="Beri setiap pelaksana id yang berbeda.",
    hint_en="Give every actor a different id.",
)
UNKNOWN_TARGET = Message(
    "SOP304", Severity.ERROR,
    id="Langkah {number}{ident}: `{field}` menunjuk ke `{target}`, yang bukan id langkah",
    en="Step {number}{ident}: `{field}` points to `{target}`, which is not a step id",
    hint_id="Tulis `id` sebuah langkah, atau `selesai` bila prosedur berakhir di sini.",
    hint_en="Write the `id` of a step, or `selesai` if the procedure ends here.",
)
UNREACHABLE = Message(
    "SOP305", Severity.ERROR,
    id="Langkah {number}{ident} tidak pernah dicapai dari langkah pertama",
    en="Step {number}{ident} is never reached from the first step",
    hint_id="Arahkan langkah lain ke langkah ini dengan `lanjut`, `ya` atau `tidak`, atau "
    "hapus langkah ini.",
    hint_en="Point another step at this one with `lanjut`, `ya` or `tidak`, or remove it.",
)
TRAP = Message(
    "SOP306", Severity.ERROR,
    id="Alur terjebak dalam putaran yang tidak pernah sampai `selesai`: {steps_id}",
    en="The flow is trapped in a loop that never reaches `selesai`: {steps_en}",
    hint_id="Beri salah satu langkah putaran ini jalan keluar, misalnya sebuah `keputusan` "
    "yang cabangnya menuju langkah berikutnya atau `selesai`.",
    hint_en="Give one step of this loop a way out, e.g. a `keputusan` whose branch leads to "
    "a later step or to `selesai`.",
)
SAME_BRANCHES = Message(
    "SOP307", Severity.WARNING,
    id="Langkah {number}{ident}: cabang `ya` dan `tidak` sama-sama menuju `{target}`",
    en="Step {number}{ident}: branches `ya` and `tidak` both lead to `{target}`",
    hint_id="Sebuah keputusan perlu dua cabang yang berbeda; bila tidak ada pilihan, hapus "
    "`keputusan` dan gunakan `lanjut`.",
    hint_en="A decision needs two different branches; if there is no choice, remove "
    "`keputusan` and use `lanjut`.",
)
SELF_LOOP = Message(
    "SOP308", Severity.ERROR,
    id="Langkah {number}{ident}: `{field}` menunjuk ke langkah itu sendiri",
    en="Step {number}{ident}: `{field}` points to the step itself",
    hint_id="Arahkan ke langkah lain; untuk mengulang, kembali ke langkah sebelumnya.",
    hint_en="Point to another step; to repeat, go back to an earlier step.",
)
IDLE_ACTOR = Message(
    "SOP309", Severity.WARNING,
    id="Pelaksana `{actor}` tidak melaksanakan satu langkah pun",
    en="Actor `{actor}` carries out no step",
    hint_id="Tunjuk pelaksana ini pada `pelaksana` sebuah langkah, atau hapus dari daftar.",
    hint_en="Name this actor in a step's `pelaksana`, or remove it from the list.",
)
LANJUT_ON_DECISION = Message(
    "SOP310", Severity.WARNING,
    id="Langkah {number}{ident}: `lanjut` diabaikan karena langkah ini sebuah `keputusan`",
    en="Step {number}{ident}: `lanjut` is ignored because this step is a `keputusan`",
    hint_id="Hapus `lanjut`; alur keputusan ditentukan oleh `ya` dan `tidak`.",
    hint_en="Remove `lanjut`; a decision's flow is given by `ya` and `tidak`.",
)
RESERVED_ID = Message(
    "SOP311", Severity.ERROR,
    id="Id langkah `selesai` tidak boleh dipakai: kata itu berarti akhir prosedur",
    en="Step id `selesai` cannot be used: the word means the end of the procedure",
    hint_id="Ganti id langkah ini, misalnya `penyelesaian`.",
    hint_en="Rename this step, e.g. `penyelesaian`.",
)

_OUT = -1  # graph node standing for `selesai`


def check_flow(view: SopView) -> Iterator[Diagnostic]:
    yield from _check_ids(view)
    yield from _check_actors(view)
    edges: dict[int, list[int]] = {}
    for index, step in view.steps:
        edges[index] = list(_resolved_targets(view, index, step, report := []))
        yield from report
    if len(view.steps) == view.step_count and view.step_count:
        yield from _check_graph(view, edges)


def _check_ids(view: SopView) -> Iterator[Diagnostic]:
    for index, step in view.steps:
        step_id = step.get("id")
        if not isinstance(step_id, str):
            continue
        if step_id == END:
            yield view.at(RESERVED_ID, ("langkah", index, "id"))
        first = view.step_ids.get(step_id)
        if first is not None and first != index:
            yield view.at(DUPLICATE_STEP_ID, ("langkah", index, "id"), step_id=step_id,
                          first=first + 1)
    first_actor: dict[str, int] = {}
    for index, actor in view.actors():
        actor_id = actor.get("id")
        if not isinstance(actor_id, str):
            continue
        if actor_id in first_actor:
            yield view.at(DUPLICATE_ACTOR_ID, ("pelaksana", index, "id"), actor=actor_id,
                          first=first_actor[actor_id] + 1)
        else:
            first_actor[actor_id] = index


def _check_actors(view: SopView) -> Iterator[Diagnostic]:
    used: set[str] = set()
    for index, step in view.steps:
        names = step.get("pelaksana")
        refs: list[tuple[Any, PathKey]]
        if isinstance(names, list):
            refs = [(name, ("langkah", index, "pelaksana", i)) for i, name in enumerate(names)]
        else:
            refs = [(names, ("langkah", index, "pelaksana"))]
        for name, path in refs:
            if not isinstance(name, str):
                continue
            used.add(name)
            if name not in view.actor_ids:
                yield view.at(UNKNOWN_ACTOR, path, actor=name, **view.step_args(index),
                              hint=did_you_mean(name, view.actor_ids))
    if not view.steps:
        return
    for index, actor in view.actors():
        actor_id = actor.get("id")
        if isinstance(actor_id, str) and actor_id not in used:
            yield view.at(IDLE_ACTOR, ("pelaksana", index, "id"), actor=actor_id)


def _resolved_targets(
    view: SopView, index: int, step: dict[str, Any], report: list[Diagnostic]
) -> Iterator[int]:
    """Graph successors of a step; problems with its targets are appended to ``report``."""
    decision = step.get("keputusan")
    args = view.step_args(index)
    fields: list[tuple[str, PathKey, Any]]
    if isinstance(decision, dict):
        fields = [(name, ("langkah", index, "keputusan", name), decision.get(name))
                  for name in ("ya", "tidak")]
        if "lanjut" in step:
            report.append(view.at(LANJUT_ON_DECISION, ("langkah", index, "lanjut"), key=True,
                                  **args))
        ya, tidak = decision.get("ya"), decision.get("tidak")
        if isinstance(ya, str) and ya == tidak:
            report.append(view.at(SAME_BRANCHES, ("langkah", index, "keputusan", "tidak"),
                                  target=ya, **args))
    elif isinstance(step.get("lanjut"), str):
        fields = [("lanjut", ("langkah", index, "lanjut"), step["lanjut"])]
    else:
        nxt = index + 1
        yield nxt if nxt < view.step_count else _OUT
        return
    for name, path, target in fields:
        if not isinstance(target, str):
            yield _OUT  # missing or mistyped: the schema check reports it
            continue
        if target == END:
            yield _OUT
        elif target in view.step_ids:
            if view.step_ids[target] == index:
                report.append(view.at(SELF_LOOP, path, field=name, **args))
            yield view.step_ids[target]
        else:
            report.append(view.at(UNKNOWN_TARGET, path, field=name, target=target, **args,
                                  hint=did_you_mean(target, [*view.step_ids, END])))
            yield _OUT  # counted as an exit so one typo does not also report a trap


def _check_graph(view: SopView, edges: dict[int, list[int]]) -> Iterator[Diagnostic]:
    reached = _reach(0, edges)
    for index in range(view.step_count):
        if index not in reached:
            yield view.at(UNREACHABLE, ("langkah", index), **view.step_args(index))
    incoming: dict[int, list[int]] = {}
    for source, targets in edges.items():
        for target in targets:
            incoming.setdefault(target, []).append(source)
    finishing = _reach(_OUT, incoming)
    stuck = sorted(set(edges) - finishing)
    reached_from: dict[int, set[int]] = {}

    def reach(node: int) -> set[int]:
        if node not in reached_from:
            reached_from[node] = _reach(node, edges)
        return reached_from[node]

    reported: set[int] = set()
    for index in stuck:
        loop = reach(index)
        if index in reported or not all(reach(member) == loop for member in loop):
            continue  # not a bottom loop: it leads into one that is reported on its own
        reported |= loop
        members = sorted(loop)
        if len(members) == 1 and set(edges[members[0]]) == {members[0]}:
            continue  # a lone step pointing to itself is already reported
        yield view.at(TRAP, ("langkah", members[0]),
                      steps_id=_step_names(view, members, "langkah"),
                      steps_en=_step_names(view, members, "step"))


def _step_names(view: SopView, indexes: list[int], word: str) -> str:
    names = []
    for index in indexes:
        args = view.step_args(index)
        names.append(f"{word} {args['number']}{args['ident']}")
    return ", ".join(names)


def _reach(start: int, edges: dict[int, list[int]]) -> set[int]:
    """Nodes reachable from ``start`` by one or more arrows, plus ``start`` itself."""
    seen = {start}
    queue = deque([start])
    while queue:
        for target in edges.get(queue.popleft(), ()):
            if target not in seen:
                seen.add(target)
                queue.append(target)
    return seen
