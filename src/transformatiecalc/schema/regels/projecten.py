"""Rules for herverkaveling projects (METHODE §6): ids, their panden, the verdeling."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from pydantic_core import InitErrorDetails

from ..verevening import Project
from .hulp import Plek, fout, opsomming, verwijzing

if TYPE_CHECKING:
    from ..scenario import Scenario


def projecten(sc: Scenario) -> Iterator[InitErrorDetails]:
    """Every rule of the projecten section, project by project."""
    pand_ids = dict.fromkeys(p.id for p in sc.panden)
    eigenaar_van = {p.id: p.eigenaar for p in sc.panden}
    in_project: dict[str, str] = {}
    project_ids: set[str] = set()
    for i, project in enumerate(sc.projecten):
        loc: Plek = ("projecten", i)
        if project.id in project_ids:
            yield fout(
                (*loc, "id"), "project.id_dubbel", "project-id '{id}' komt al voor", id=project.id
            )
        project_ids.add(project.id)
        yield from project_panden(project, loc, pand_ids, in_project)
        yield from project_verdeling(project, loc, eigenaar_van)


def project_panden(
    project: Project, loc: Plek, pand_ids: dict[str, None], in_project: dict[str, str]
) -> Iterator[InitErrorDetails]:
    """project.pand_onbekend, project.pand_in_twee_projecten: a project names existing
    panden, each in at most one project (`in_project` records them across projects)."""
    for k, pid in enumerate(project.panden):
        if pid not in pand_ids:
            yield from verwijzing(
                (*loc, "panden", k), "project.pand_onbekend", pid, "panden", pand_ids
            )
        elif pid in in_project:
            yield fout(
                (*loc, "panden", k),
                "project.pand_in_twee_projecten",
                "pand '{p}' zit al in project '{q}'; een pand hoort bij ten hoogste één project",
                p=pid,
                q=in_project[pid],
            )
        else:
            in_project[pid] = project.id


def project_verdeling(
    project: Project, loc: Plek, eigenaar_van: dict[str, str]
) -> Iterator[InitErrorDetails]:
    """project.verdeling_geen_eigenaar, project.verdeling_onvolledig: an explicit verdeling
    gives a share to exactly the eigenaren of the project's panden."""
    if not isinstance(project.verdeling, dict):
        return
    eigenaren = {eigenaar_van[p] for p in project.panden if p in eigenaar_van}
    for eig in project.verdeling:
        if eig not in eigenaren:
            yield fout(
                (*loc, "verdeling", eig),
                "project.verdeling_geen_eigenaar",
                "'{e}' is geen eigenaar van een pand in dit project; eigenaren: {o}",
                e=eig,
                o=opsomming(eigenaren),
            )
    for eig in sorted(eigenaren - set(project.verdeling)):
        yield fout(
            (*loc, "verdeling"),
            "project.verdeling_onvolledig",
            "eigenaar '{e}' heeft een pand in dit project maar geen aandeel in verdeling",
            e=eig,
        )
