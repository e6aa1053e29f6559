# Databricks notebook source
# MAGIC %md
# MAGIC # Vellum on Databricks
# MAGIC
# MAGIC Reads a folder of documents (PDF, Office, HTML, text, ...) into a DataFrame with
# MAGIC `spark.read.format("vellum")`, shows what was found and what failed, and writes a Delta table.
# MAGIC
# MAGIC **Before running:** attach the connector jar of your runtime's Spark line to the cluster
# MAGIC (*Compute → your cluster → Libraries → Install new → Volumes* or *DBFS/S3*, then the jar):
# MAGIC
# MAGIC | Databricks Runtime | Spark | jar |
# MAGIC |---|---|---|
# MAGIC | 14.3 LTS – 16.4 LTS | 3.5 (Scala 2.12) | `vellum-spark-connector-0.1.0-SNAPSHOT.jar` |
# MAGIC | 16.4 LTS with Scala 2.13 | 3.5 (Scala 2.13) | `vellum-spark-connector-3.5_2.13-0.1.0-SNAPSHOT.jar` |
# MAGIC | 17.x and newer | 4.0 (Scala 2.13) | `vellum-spark-connector-4.0_2.13-0.1.0-SNAPSHOT.jar` |
# MAGIC
# MAGIC For OCR of scanned pages, add the cluster init script from the README's "Databricks" section
# MAGIC (it installs Tesseract). Unity Catalog clusters must use *Dedicated* (single user) or
# MAGIC *Standard* access mode with the jar on the allowlist.

# COMMAND ----------

dbutils.widgets.text("input", "/Volumes/main/default/documents/", "Folder of documents")
dbutils.widgets.text("table", "main.default.documents", "Delta table to write")
dbutils.widgets.dropdown("outputFormat", "markdown", ["plain", "markdown"], "Text format")

input_path = dbutils.widgets.get("input")
table_name = dbutils.widgets.get("table")
output_format = dbutils.widgets.get("outputFormat")
print(f"reading {input_path} into {table_name} ({output_format})")

# COMMAND ----------

# MAGIC %md
# MAGIC ## Read the folder
# MAGIC
# MAGIC One row per file. Only the columns a query uses are computed: counting by `mime_type` reads
# MAGIC the first bytes of each file, the `content` column runs the extraction.

# COMMAND ----------

docs = (
    spark.read.format("vellum")
    .option("recursiveFileLookup", "true")
    .option("outputFormat", output_format)
    .option("extractTables", "true")
    .load(input_path)
)
docs.printSchema()

# COMMAND ----------

display(docs.select("path", "mime_type", "length", "metadata.title", "metadata.page_count", "error"))

# COMMAND ----------

# MAGIC %md
# MAGIC ## Documents that failed
# MAGIC
# MAGIC A document that cannot be extracted is a row whose `error` says why (`parse`, `unsupported`,
# MAGIC `limit`, `timeout`, `encrypted`, `io`, `ocr_unavailable`, ...); the job goes on.

# COMMAND ----------

errors = docs.where("error IS NOT NULL").select("path", "mime_type", "error.kind", "error.message")
display(errors)

# COMMAND ----------

# MAGIC %md
# MAGIC ## Documents by type
# MAGIC
# MAGIC Choose *Bar chart* in the result's visualization menu, or use the matplotlib chart below.

# COMMAND ----------

by_type = docs.groupBy("mime_type").count().orderBy("count", ascending=False)
display(by_type)

# COMMAND ----------

import matplotlib.pyplot as plt

counts = by_type.toPandas()
ax = counts.plot.barh(x="mime_type", y="count", legend=False, title="Documents by type")
ax.set_xlabel("documents")
ax.invert_yaxis()
plt.show()

# COMMAND ----------

# MAGIC %md
# MAGIC ## Write a Delta table
# MAGIC
# MAGIC Extraction runs once, here; later queries read the table.

# COMMAND ----------

docs.write.format("delta").mode("overwrite").saveAsTable(table_name)
display(spark.sql(f"SELECT mime_type, count(*) AS documents, count(error) AS errors FROM {table_name} GROUP BY mime_type ORDER BY documents DESC"))
