"""The list's lookup box finds a dossier by anyone in it — the father, the mother, the child,
the applicant — by name with or without diacritics, by ID number and by code."""

from __future__ import annotations

import copy

import pytest

from app.services.queue import AttachmentSource
from dvc_core.catalog import default_catalog

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
FATHERS = ("Trần Văn Hùng", "Đỗ Đức Mạnh", "Lê Văn Hưng")


@pytest.fixture
def queued(tmp_path, services):
    pdf, png = tmp_path / "to khai.pdf", tmp_path / "chung sinh.png"
    pdf.write_bytes(PDF)
    png.write_bytes(PNG)
    example = default_catalog().get("1.001193").example
    refs = {}
    for i, father in enumerate(FATHERS):
        fields = copy.deepcopy(dict(example["fields"]))
        fields["father.full_name"] = father
        fields["mother.full_name"] = f"Phạm Thị Mai {'ABC'[i]}"
        fields["mother.id_number"] = f"03819501234{i}"
        fields["child.full_name"] = ("Nguyễn Minh Khôi", "Nguyễn Minh Khoa", "Nguyễn Minh Khải")[i]
        applicant = dict(example["applicant"], full_name=fields["mother.full_name"],
                         id_number=fields["mother.id_number"])
        done = services.queue.enqueue("1.001193", applicant, fields,
                                      [AttachmentSource("to_khai", pdf),
                                       AttachmentSource("giay_chung_sinh", png)])
        refs[father] = done
    return refs


def test_the_list_finds_a_dossier_by_the_fathers_name_without_diacritics(window, queued):
    window.refresh_list()
    window.on_show_list()
    view, model = window.list_view, window.model
    assert model.total() == 3
    hung = queued["Trần Văn Hùng"]

    def found(text: str) -> list[str]:
        view.lookup.setText(text)
        return [model.row_at(i).id for i in range(model.rowCount())]

    assert found("tran van hung") == [hung.id]  # the father: in no column of the list
    assert found("TRẦN VĂN HÙNG") == [hung.id]
    assert found("do duc manh") == [queued["Đỗ Đức Mạnh"].id]  # đ typed as d
    assert found("Đỗ Đức") == [queued["Đỗ Đức Mạnh"].id]
    assert sorted(found("van hu")) == sorted([hung.id, queued["Lê Văn Hưng"].id])
    assert found("minh khoi") == [hung.id]  # the child
    assert found("038195012340") == [hung.id]  # the mother's ID number …
    assert found("0123401") == []
    assert found(hung.local_ref.lower()) == [hung.id]  # … and the local reference
    # Word starts only: "Hùng" holds "ung", but no word starts with it (and a reference
    # never has a U).
    assert found("ung") == []
    assert len(found("")) == 3
