"""itaplan engine: ITA results in, improvement documents out.

Each stage is a module with one job (see DESIGN.md):
``loader`` (results file -> Results), ``scoring`` (Results -> Scorecard),
``rulebook``/``evaluate`` (Scorecard -> Findings), ``draft`` (Findings -> Plan),
``render`` (Plan -> files). The command line in ``cli/`` (one module per command group) only wires them.
"""

__version__ = "0.1.0"
