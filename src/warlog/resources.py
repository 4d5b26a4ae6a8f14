"""The references every extraction stage reads: the lexicon, the actor registry and the gazetteer.

Built once per run and passed down, so that a user's own lexicon or actors reach every stage.
"""
from __future__ import annotations

from dataclasses import dataclass

from . import actors, gazetteer, lexicon


@dataclass(frozen=True)
class Resources:
    lexicon: lexicon.Lexicon
    actors: actors.Registry
    gazetteer: gazetteer.Gazetteer

    @classmethod
    def load(cls, actors_file: str | None = None, lexicon_file: str | None = None) -> "Resources":
        """The packaged references, with the user's own actors and lexicon entries added."""
        return cls(lexicon.load(lexicon_file), actors.load(actors_file), gazetteer.load())


def default() -> Resources:
    return Resources.load()
