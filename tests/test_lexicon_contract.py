"""The lexicon registry (every data file declared once, cue words as data) and the extraction contract."""
from __future__ import annotations

from decimal import Decimal
from importlib.resources import files
from pathlib import Path

import pytest
from conftest import records

from dxkg import lexicon
from dxkg.extract import PIPELINE, Setting, extract
from dxkg.extract.component import Component, Pipeline, PipelineError
from dxkg.extract.documents import Documents
from dxkg.extract.figures import Figures
from dxkg.extract.orgs import Organizations
from dxkg.extract.people import People
from dxkg.ingest import ingest
from dxkg.ingest.read import RawArticle

HEAD = "Cập nhật: 10/12/2023 09:00\n\nTiêu đề bài viết về chuyển đổi số ở địa phương\n\n"


def read(text: str):
    return ingest(RawArticle(Path("t.txt"), HEAD + text))


# ---------------------------------------------------------------- the registry


def test_every_data_file_is_declared_once_and_loads():
    on_disk = {f.name for f in files("dxkg").joinpath("data").iterdir() if f.is_file()}
    declared = [t.file for t in lexicon.TABLES.values()]
    assert sorted(declared) == sorted(on_disk)  # no file read behind the registry's back, none declared twice
    for name in lexicon.TABLES:
        assert lexicon.table(name), f"{name} has no rows"


def test_rows_are_addressed_by_column_name():
    chair = lexicon.roles()["chủ tịch"]
    assert (chair.label, chair.english) == ("Chủ tịch", "Chairman")
    gia_lai = lexicon.provinces()["gia-lai"]
    assert gia_lai.name == "Gia Lai" and isinstance(gia_lai.aliases, tuple)
    assert {s.word: s.power for s in lexicon.table("scales")}["triệu"] == 6


def test_a_table_that_disagrees_with_its_file_fails_loudly(monkeypatch):
    monkeypatch.setitem(lexicon.TABLES, "roles_short", lexicon.Table("roles_short", "roles.tsv", ("label",), "test"))
    with pytest.raises(ValueError, match="roles.tsv"):
        lexicon.table("roles_short")
    with pytest.raises(LookupError, match="no lexicon table"):
        lexicon.table("role")


# ---------------------------------------------------------------- cue words are data


@pytest.mark.parametrize("word", lexicon.words("qualifiers"))
def test_each_qualifier_word_is_kept_on_the_figure(word):
    found = records(read(f"Tỷ lệ người dân có điện thoại thông minh của Kon Tum đạt {word} 58,2%.")).observations
    assert [(o.value, o.qualifier) for o in found] == [(Decimal("58.2"), word)]


@pytest.mark.parametrize("word", lexicon.words("rank_words", marks="ranking"))
def test_each_ranking_word_makes_a_rank(word):
    found = records(read(f"Năm 2023, tỉnh Kon Tum {word} 39/63 về chỉ số chuyển đổi số.")).observations
    assert [(o.value, o.unit, o.out_of) for o in found] == [(Decimal(39), "rank", Decimal(63))]


def test_a_rank_whose_clause_names_no_index_is_the_flagged_fallback():
    found = records(read("Năm 2023, tỉnh Kon Tum xếp thứ 39/63.")).observations
    flagged = [r.label for r in lexicon.table("indicators") if r.fallback]
    assert flagged == ["xếp hạng chỉ số chuyển đổi số cấp tỉnh (DTI)"]
    assert [o.indicator for o in found] == flagged


# ---------------------------------------------------------------- the extraction contract


def test_the_pipeline_runs_each_component_after_what_it_needs():
    done: set[str] = set()
    for c in PIPELINE.components:
        assert set(c.needs) <= done, c
        done |= set(c.adds)
    assert {"organizations", "persons", "documents", "platforms", "events", "observations"} <= done


def test_a_component_before_what_it_needs_fails_when_assembled():
    with pytest.raises(PipelineError, match="People needs organizations"):
        Pipeline(Setting(), People(), Organizations())
    with pytest.raises(PipelineError, match="Figures needs documents, but Documents adds more"):
        Pipeline(Documents(), Figures(), Documents())

    class Typo(Component):
        needs = ("person",)

    with pytest.raises(PipelineError, match="not a kind of record"):
        Pipeline(Typo())


def test_organizations_are_found_without_any_person():
    ex = extract(read("Sở Thông tin và Truyền thông tỉnh Gia Lai triển khai nền tảng số cho các xã."))
    assert not ex.persons
    assert "Sở Thông tin và Truyền thông tỉnh Gia Lai" in [o.label for o in ex.organizations]


def test_every_evidence_points_at_its_words_in_the_article():
    article = read(
        "Sáng 24-11, Chủ tịch UBND tỉnh Gia Lai Trương Hải Long chủ trì Hội nghị trực tuyến về chuyển đổi số.\n\n"
        "Theo Nghị quyết số 04-NQ/TU của Tỉnh ủy Gia Lai, tỷ lệ hồ sơ trực tuyến phải đạt 80%.\n\n"
        "Cổng dịch vụ công của tỉnh đã kết nối với Cổng Dịch vụ công quốc gia.")
    ex = extract(article)
    records = [*ex.persons, *ex.memberships, *ex.documents, *ex.platforms, *ex.events, *ex.observations]
    assert len({type(r) for r in records}) == 6  # one of each kind, so each kind's evidence is checked
    for r in records:
        ev = r.evidence
        sentence = next(s for s in article.sentences if s.text == ev.sentence)
        assert sentence.start <= ev.start < ev.end <= sentence.end, r
        assert article.text[ev.start:ev.end] == ev.sentence[ev.start - sentence.start:ev.end - sentence.start]
    assert [article.text[p.evidence.start:p.evidence.end] for p in ex.persons] == ["Trương Hải Long"]
    assert [article.text[o.evidence.start:o.evidence.end] for o in ex.observations] == ["80%"]
