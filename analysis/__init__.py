"""Analysis package of the report generator for "Kwestie van lange adem".

One module per concern: ``codebook`` (the data contract), ``snapshot`` (loading and
validation), ``synthetic`` (the synthetic default snapshot), ``scoring`` (raw answers to
incidents and categories), ``stats`` (the tests the report uses), ``formatting`` (Dutch
number formatting), ``disclosure`` (small-cell rule), ``tables`` and ``figures`` (artifacts),
``render`` (the Quarto-free renderer) and ``pipeline`` (orchestration, caching, CLI).
"""

__version__ = "0.1.0"
