"""govkg: a knowledge graph of government meeting reports, every fact traced to its sentence.

It holds the officials, agencies, posts, platforms and policy tasks the reports name. Stages, one
direction: :mod:`govkg.load` (report text and entities file to records) → :mod:`govkg.build`
(records to RDF) → :mod:`govkg.validate` (SHACL) → :mod:`govkg.export` (Turtle, JSON-LD,
N-Triples, TriG), run in order by :mod:`govkg.pipeline`.
"""

__version__ = "0.1.0"
