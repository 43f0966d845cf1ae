"""DuckDB's side of bench/analytics.sh, and the row-by-row comparison of the two tables.

    python3 bench/analytics_duckdb.py table EVENTS WEIGHTS OUT THREADS
    python3 bench/analytics_duckdb.py compare RUST_TABLE DUCKDB_TABLE
"""
import csv
import math
import sys
import time


def table(events, weights, out, threads):
    import duckdb

    started = time.monotonic()
    con = duckdb.connect()
    con.execute(f"SET threads = {int(threads)}")
    con.execute(
        "CREATE TABLE weights AS SELECT * FROM read_csv(?, header = true,"
        " columns = {'category': 'VARCHAR', 'weight': 'DOUBLE'})",
        [weights],
    )
    # The same table as Attaché's: each pair once (the smaller code first), per year.
    con.execute(
        f"""
        COPY (
            SELECT least(a, b) AS a, greatest(a, b) AS b, year(date) AS year,
                   sum(weight) AS intensity, count(*) AS activities
            FROM read_csv(?, header = true,
                 columns = {{'a': 'VARCHAR', 'b': 'VARCHAR', 'date': 'DATE', 'category': 'VARCHAR'}})
            JOIN weights USING (category)
            GROUP BY ALL
            ORDER BY a, b, year
        ) TO '{out}' (HEADER, DELIMITER ',')
        """,
        [events],
    )
    print(f"duckdb {duckdb.__version__}: total {time.monotonic() - started:.2f}s", file=sys.stderr)


def compare(ours, theirs):
    with open(ours, newline="") as f1, open(theirs, newline="") as f2:
        rust, duck = list(csv.DictReader(f1)), list(csv.DictReader(f2))
    if len(rust) != len(duck):
        sys.exit(f"different row counts: rust {len(rust)}, duckdb {len(duck)}")
    for line, (r, d) in enumerate(zip(rust, duck), start=2):
        same = (
            (r["a"], r["b"], r["year"], r["activities"]) == (d["a"], d["b"], d["year"], d["activities"])
            and math.isclose(float(r["intensity"]), float(d["intensity"]), rel_tol=1e-9)
        )
        if not same:
            sys.exit(f"line {line} differs: rust {dict(r)}, duckdb {dict(d)}")
    print(f"the two tables agree row by row ({len(rust)} rows)")


if __name__ == "__main__":
    if sys.argv[1:2] == ["table"] and len(sys.argv) == 6:
        table(*sys.argv[2:])
    elif sys.argv[1:2] == ["compare"] and len(sys.argv) == 4:
        compare(*sys.argv[2:])
    else:
        sys.exit(__doc__)
