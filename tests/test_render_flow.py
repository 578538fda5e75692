"""The flowchart plan shared by the swimlane table and the Graphviz diagram."""

from __future__ import annotations

from sop_factory import demak_sop, make_sop
from sopgen.model import END
from sopgen.render.flow import build_flow, end_key


def test_shapes_follow_the_sop_ap_symbols() -> None:
    flow = build_flow(demak_sop())
    shapes = {symbol.key: symbol.shape for symbol in flow.symbols}
    assert shapes["sampaikan"] == "terminator"  # first step: start
    assert shapes["telaah"] == "decision"
    assert shapes["verifikasi"] == "process"
    assert shapes["arsip"] == "terminator"  # its flow ends
    assert shapes[end_key("telaah", "tidak")] == "terminator"


def test_decision_branch_to_end_gets_its_own_row_right_after_the_decision() -> None:
    flow = build_flow(demak_sop())
    keys = [symbol.key for symbol in flow.symbols]
    end = end_key("telaah", "tidak")
    assert keys.index(end) == keys.index("telaah") + 1
    symbol = flow.symbol(end)
    assert symbol.label == "Selesai"
    assert symbol.step is None
    assert symbol.lanes == flow.symbol("telaah").lanes
    assert [symbol.row for symbol in flow.symbols] == list(range(len(flow.symbols)))


def test_both_branches_ending_give_two_end_rows_in_order() -> None:
    sop = make_sop([
        {"pelaksana": "admin"},
        {"id": "cek", "pelaksana": "admin", "keputusan": {"ya": END, "tidak": END}},
    ])
    keys = [symbol.key for symbol in build_flow(sop).symbols]
    assert keys == ["#1", "cek", end_key("cek", "ya"), end_key("cek", "tidak")]


def test_arrows_go_to_every_successor_with_labels_on_decision_exits() -> None:
    flow = build_flow(demak_sop())
    arrows = {(a.source, a.target): a for a in flow.arrows}
    assert ("sampaikan", "telaah") in arrows
    assert arrows[("telaah", "verifikasi")].label == "Ya"
    assert arrows[("telaah", end_key("telaah", "tidak"))].label == "Tidak"
    assert arrows[("periksa", "klarifikasi")].label == "Belum"  # a loop backwards
    assert not [a for a in flow.arrows if a.source == "arsip"]  # the end step has no arrow
    assert len(flow.arrows) == 8


def test_decision_exits_one_bottom_one_side() -> None:
    flow = build_flow(demak_sop())
    exits = {(a.source, a.target): a.exit for a in flow.arrows}
    # The branch straight down to the next row leaves from the bottom.
    assert exits[("telaah", end_key("telaah", "tidak"))] == "bottom"
    assert exits[("telaah", "verifikasi")] in ("east", "west")
    assert exits[("periksa", "arsip")] == "bottom"
    assert exits[("periksa", "klarifikasi")] == "east"  # OPD's lane is right of admin's


def test_side_exit_heads_west_towards_a_lane_on_the_left() -> None:
    sop = make_sop(
        [
            {"id": "a", "pelaksana": "kanan"},
            {"id": "b", "pelaksana": "kanan", "keputusan": {"ya": "c", "tidak": "d"}},
            {"id": "c", "pelaksana": "kanan", "lanjut": END},
            {"id": "d", "pelaksana": "kiri"},
        ],
        actors=[("kiri", "Kiri"), ("kanan", "Kanan")],
    )
    exits = {(a.source, a.target): a.exit for a in build_flow(sop).arrows}
    assert exits[("b", "c")] == "bottom"
    assert exits[("b", "d")] == "west"


def test_shared_step_lanes_in_declared_order_whatever_the_written_order() -> None:
    flow = build_flow(demak_sop())
    # "teruskan" is written [admin, penghubung]; declared order: admin (1) before penghubung (3)
    assert flow.symbol("teruskan").lanes == (1, 3)
    sop = make_sop([{"pelaksana": ["pengadu", "admin"]}])
    assert build_flow(sop).symbol("#1").lanes == (0, 1)
