"""Kashif over a corpus on Apache Spark: documents in, one flat row per document out.

    spark-submit --master local[2] python/spark/kashif_job.py docs.txt out/ [--format parquet|json]
        [--input-format text|json] [--text-column text] [--id-column id] [--options JSON] [--top N]

Input: text files with one document per line (as the CLI's `--lines`: split at `\\n` only, a
line's final `\\r` dropped; but an empty file has no document, where the CLI sees one empty one),
or JSON lines files with a text column (and optionally an id column), for documents that contain
line breaks. Every executor needs the `kashif` wheel installed in the Python it runs
(see the README's Spark section for a cluster); the job itself is only this file.

Each partition goes through `kashif.analyze_many` in chunks, on as many threads as Spark gives
the task (`spark.task.cpus`, 1 by default: Spark runs one task per core, so the cores are used
by tasks, not by threads inside one). Tokens are not kept (`tokens: false`): a corpus table wants
the document's figures, keywords and entities, not every token.

Output, one row per document, nothing nested deeper than a list of flat records (JSON lines or
Parquet part files under the output folder, replaced if present):

    doc            long    position of the document in the input (0-based; files in the order Spark lists them)
    id             string  the id column's value (JSON input with --id-column), else null
    characters, words, sentences, unique_words    long    the result's `stats`
    keywords       list of {rank, text, key, kind, count, share, score, keyness}
    entities       list of {start, end, type, text, key, source}   (UTF-16 offsets, end exclusive)
    entity_groups  list of {text, key, type, count}

Each field is the same value as in the CLI's `kashif analyze --lines --format jsonl` line for the
same document (the nested lists a field of the CLI's result also has, such as a keyword's
variants and occurrences or a group's mentions, are left out); python/tests/test_spark.py checks it.
"""

import argparse
import itertools
import json
import sys

from pyspark import TaskContext
from pyspark.sql import SparkSession
from pyspark.sql import types as T

# Documents handed to one analyze_many call: bounds a task's memory (results are built in Python)
# while keeping each call long enough that its threads' word tables warm up.
CHUNK = 2000

KEYWORD = T.StructType([
    T.StructField("rank", T.IntegerType()),
    T.StructField("text", T.StringType()),
    T.StructField("key", T.StringType()),
    T.StructField("kind", T.StringType()),
    T.StructField("count", T.LongType()),
    T.StructField("share", T.DoubleType()),
    T.StructField("score", T.DoubleType()),
    T.StructField("keyness", T.DoubleType()),
])
ENTITY = T.StructType([
    T.StructField("start", T.LongType()),
    T.StructField("end", T.LongType()),
    T.StructField("type", T.StringType()),
    T.StructField("text", T.StringType()),
    T.StructField("key", T.StringType()),
    T.StructField("source", T.StringType()),
])
GROUP = T.StructType([
    T.StructField("text", T.StringType()),
    T.StructField("key", T.StringType()),
    T.StructField("type", T.StringType()),
    T.StructField("count", T.LongType()),
])
SCHEMA = T.StructType([
    T.StructField("doc", T.LongType(), False),
    T.StructField("id", T.StringType()),
    T.StructField("characters", T.LongType()),
    T.StructField("words", T.LongType()),
    T.StructField("sentences", T.LongType()),
    T.StructField("unique_words", T.LongType()),
    T.StructField("keywords", T.ArrayType(KEYWORD)),
    T.StructField("entities", T.ArrayType(ENTITY)),
    T.StructField("entity_groups", T.ArrayType(GROUP)),
])


def flat_row(doc, doc_id, r):
    """One result of kashif.analyze as a row of SCHEMA."""
    s = r["stats"]
    keywords = [(i + 1, k["text"], k["key"], k["kind"], k["count"], float(k["share"]), float(k["score"]), float(k["keyness"]))
                for i, k in enumerate(r["keywords"])]
    entities = [(e["start"], e["end"], e["type"], e["text"], e["key"], e["source"]) for e in r["entities"]]
    groups = [(g["text"], g["key"], g["type"], g["count"]) for g in r["entity_groups"]]
    return (doc, doc_id, s["characters"], s["words"], s["sentences"], s["unique_words"], keywords, entities, groups)


def analyze_partition(options):
    """The function mapPartitions runs: (text, id, doc) rows in, SCHEMA rows out."""
    def run(rows):
        import kashif  # on the executor: the wheel must be installed there

        ctx = TaskContext.get()
        jobs = max(1, ctx.cpus()) if ctx is not None else 1
        rows = iter(rows)
        while True:
            chunk = list(itertools.islice(rows, CHUNK))
            if not chunk:
                return
            results = kashif.analyze_many((text if text is not None else "" for text, _, _ in chunk), jobs=jobs, **options)
            for (_, doc_id, doc), r in zip(chunk, results):
                yield flat_row(doc, doc_id, r)
    return run


def documents(spark, path, input_format="text", text_column="text", id_column=None):
    """The input as an RDD of (text, id, doc) in input order."""
    if input_format == "text":
        # Lines split at \n only, as the CLI's --lines (Hadoop's default line reader would also
        # split at a lone \r), then a final \r dropped.
        lines = spark.sparkContext.newAPIHadoopFile(
            path,
            "org.apache.hadoop.mapreduce.lib.input.TextInputFormat",
            "org.apache.hadoop.io.LongWritable",
            "org.apache.hadoop.io.Text",
            conf={"textinputformat.record.delimiter": "\n"},
        ).map(lambda kv: kv[1][:-1] if kv[1].endswith("\r") else kv[1])
        return lines.zipWithIndex().map(lambda t: (t[0], None, t[1]))
    if input_format == "json":
        df = spark.read.json(path)
        cols = [text_column] + ([id_column] if id_column else [])
        rows = df.select(*cols).rdd.map(lambda row: (row[0], None if id_column is None or row[1] is None else str(row[1])))
        return rows.zipWithIndex().map(lambda t: (t[0][0], t[0][1], t[1]))
    raise ValueError(f"unknown input format '{input_format}': use text or json")


def run(spark, input_path, output_path, out_format="parquet", options=None, input_format="text", text_column="text", id_column=None):
    """Analyzes every document of `input_path` and writes the rows to `output_path`."""
    options = dict(options or {})
    options["tokens"] = False
    docs = documents(spark, input_path, input_format, text_column, id_column)
    # A file smaller than a block is one partition: one core. Spread such input over the
    # cluster's cores (each row keeps its `doc` number, so the order is not lost).
    cores = spark.sparkContext.defaultParallelism
    if docs.getNumPartitions() < cores:
        docs = docs.repartition(cores)
    rdd = docs.mapPartitions(analyze_partition(options))
    df = spark.createDataFrame(rdd, SCHEMA)
    writer = df.write.mode("overwrite")
    if out_format == "parquet":
        writer.parquet(output_path)
    elif out_format == "json":
        writer.json(output_path)
    else:
        raise ValueError(f"unknown output format '{out_format}': use parquet or json")


def main(argv=None):
    p = argparse.ArgumentParser(description="Kashif over a corpus on Apache Spark (see the module's docstring)")
    p.add_argument("input", help="text files (one document per line) or JSON lines files (--input-format json); a path or glob")
    p.add_argument("output", help="output folder (replaced)")
    p.add_argument("--format", choices=["parquet", "json"], default="parquet", help="output format (default parquet)")
    p.add_argument("--input-format", choices=["text", "json"], default="text")
    p.add_argument("--text-column", default="text", help="with --input-format json: the text's column (default text)")
    p.add_argument("--id-column", default=None, help="with --input-format json: a column copied to the output's id")
    p.add_argument("--options", default="{}", help="analysis options as a JSON object, as the CLI's --options")
    p.add_argument("--top", type=int, default=None, help="how many keywords (0 = all; default 50)")
    p.add_argument("--master", default=None, help="Spark master when run with python instead of spark-submit, e.g. local[2]")
    a = p.parse_args(argv)
    try:
        options = json.loads(a.options)
    except json.JSONDecodeError as e:
        p.error(f"--options: {e}")
    if not isinstance(options, dict):
        p.error("--options wants a JSON object")
    if a.top is not None:
        options["top_n"] = a.top
    builder = SparkSession.builder.appName("kashif")
    if a.master:
        builder = builder.master(a.master)
    spark = builder.getOrCreate()
    try:
        run(spark, a.input, a.output, a.format, options, a.input_format, a.text_column, a.id_column)
    finally:
        spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
