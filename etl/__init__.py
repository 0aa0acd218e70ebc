"""Lendscope ETL: bundled, cited text files under data/ -> one DuckDB file.

Stages, each a module: inputs (read files, locate every cell), validate (rules with file:line
messages), transform (polars: typed, derived columns), build (load into a temporary DuckDB file,
check, hash, swap in atomically). `database` is the only module that opens DuckDB.
"""

__version__ = "0.1.0"
