"""YAML for the data files: libyaml's parser where PyYAML was built with it (several times faster
than the pure-Python one, which reading the packaged data at start-up spent most of its time in),
the pure-Python one otherwise. A file libyaml refuses is read again by the pure-Python parser, so
what a user is told about a mistake in their own file is the same either way."""
from __future__ import annotations

import yaml

FAST = getattr(yaml, "CSafeLoader", None)
YAMLError = yaml.YAMLError
MarkedYAMLError = yaml.MarkedYAMLError


def load(text: str):
    """The value of a YAML document, read safely (plain data, no Python objects)."""
    if FAST is not None:
        try:
            return yaml.load(text, Loader=FAST)
        except yaml.YAMLError:
            pass  # the pure-Python parser's words for the mistake (or its reading, where they differ)
    return yaml.load(text, Loader=yaml.SafeLoader)
