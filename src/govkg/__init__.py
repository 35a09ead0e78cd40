"""govkg: a knowledge graph of officials, agencies, posts, platforms and policy tasks named in
government meeting reports, where every fact is traced to the sentence it came from.

Stages, one direction: :mod:`govkg.load` (report text and entities file to records) →
:mod:`govkg.build` (records to RDF) → :mod:`govkg.validate` (SHACL) → :mod:`govkg.export`
(Turtle, JSON-LD, N-Triples, TriG).
"""

__version__ = "0.1.0"
