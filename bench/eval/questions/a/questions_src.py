"""The questions, with how each fact's sources are found. build.py turns this into questions.json.

A fact's "src" holds:
  g / gall : regexes (case-insensitive); the checkout files matching any of g (and all of gall) state the fact
  only / exclude : a regex the source id must / must not match (to keep a grep to the files that say it)
  f        : files named by hand (repo:path)
  d        : docs pages (keys of srclib.D, or full URLs)
  s        : installed-SDK entries (sdk:...)
  c        : fivetran CLI help (cli:...)
"""

# Files that are instructions for AI assistants (AGENTS.md, CLAUDE.md ...): they state many facts; they are real files of the repo.
AI = r"(all_things_ai|examples/ai/|\.github/)"

TEMPLATE_UPSERT_COMMENT = r"The 'upsert' operation is used to insert or update data"
FIRST_SYNC_EMPTY = r"(state dictionary is empty for the first sync|It is empty for the first sync|empty for the first sync or for any full re-sync)"
PREINSTALLED = r"pre-?installed"
FIVETRAN_ID_HASH = r"(computes _fivetran_id|computes\s*#?\s*_fivetran_id|_fivetran_id.{0,60}hash of (all )?(the )?(row|column) values|generates `?_fivetran_id`? (surrogate|as the primary)|_fivetran_id` \(hash of all)"
FIVETRAN_SYNCED = r"_fivetran_synced(?!_key)"

Q = []


def q(category, style, question, origin, facts):
    Q.append({"category": category, "style": style, "question": question, "origin": origin, "facts": facts})


def fact(text, any_, **src):
    return {"fact": text, "any": any_, "src": src}


# =====================================================================================================================
# operations
# =====================================================================================================================
q("operations", "terse", "op.update vs op.upsert - whats the actual difference",
  "common mistake: people use upsert for partial changes and wipe the other columns (docs: Supported Operations)",
  [fact("op.upsert writes a whole row by primary key: it inserts it if the key is new, otherwise replaces the existing row.",
        ["insert"],
        g=[TEMPLATE_UPSERT_COMMENT, r"upsert.{0,40}(insert or update|inserts? .{0,20}or updates?)", r"Writes a single new or updated record"],
        d=["ops_old", "ops_new"], s=["sdk:Operations.upsert"]),
   fact("Columns that exist in the table but are missing from the dict passed to op.upsert become NULL for that row.",
        ["null"],
        d=["ops_old", "ops_new"]),
   fact("op.update changes only the columns you pass (plus the primary key to find the row); the other columns keep their values.",
        ["only the columns", "only the fields", "only the supplied", "only those columns", "other columns", "unchanged", "keep their"],
        g=[r"op\.update\(\) modifies only the supplied columns", r"update.{0,60}only.{0,30}(supplied|specified|given|changed) (columns|fields)", r"op\.update\(\)`? (–|-|to) (Modify specific fields|partially modify)"],
        d=["ops_old", "ops_new"], s=["sdk:Operations.update"]),
   fact("op.update does not create a row when no row with that primary key exists.",
        ["not create", "doesn't create", "does not insert", "doesn't insert", "won't create", "without creating", "no new row", "not insert"],
        g=[r"Only updates existing rows", r"Modify specific fields of an existing record", r"partially modify existing records"],
        d=["ops_old", "ops_new"]),
   ])

q("operations", "chatty",
  "So I inherited a connector from a colleague, it was written for the old SDK and every single op is `yield op.upsert(...)` and `yield op.checkpoint(state)`, "
  "and update() is basically a giant generator. We're on fivetran-connector-sdk 3.0.0 now. Do I have to rip all the yields out before it'll work, "
  "or will Fivetran still run a generator update()? what's the recommended style now?",
  "docs: Migration Guide - Removing yield Usage; .github/copilot-instructions.md flags yield as deprecated",
  [fact("Since fivetran-connector-sdk 2.0.0 yield is no longer required: op.upsert / op.checkpoint etc. are plain function calls.",
        ["not required", "no longer required", "no longer need", "don't need", "do not need", "not needed"],
        g=[r"no yield (statements )?required", r"NO YIELD REQUIRED", r"does NOT use yield", r"without yield", r"DEPRECATED: `yield op"],
        d=["yield"]),
   fact("Existing code that uses yield keeps working: a generator update() is still run to the end (backward compatible).",
        ["still work", "continue to work", "keeps working", "still supported", "backward compat", "still run"],
        d=["yield"], s=["sdk:Connector"]),
   fact("The recommended style is to call the operations directly, e.g. op.upsert(table=..., data=...) and op.checkpoint(state), without yield.",
        ["op.upsert(", "op.checkpoint("],
        g=[r"Upsert without yield", r"direct operation calls", r"Use direct operation calls"],
        d=["yield"]),
   ])

q("operations", "error-paste",
  "running `python connector.py` and I get\n```\nRuntimeError: no runner is installed: operations can only be called while the runner executes the connector\n```\n"
  "my __main__ block just does `update(configuration, {})`. what am I doing wrong",
  "SDK error string (fivetran_connector_sdk_cli/runtime.py); common mistake: calling update() directly instead of through the Connector",
  [fact("Operations (op.upsert, op.checkpoint, ...) only work while the SDK runner is executing the connector, so calling update() yourself raises this error.",
        ["runner", "not directly", "don't call update", "do not call update", "calling update() directly", "call update directly"],
        s=["sdk:Operations.upsert", "sdk:Connector.debug"]),
   fact("Run it through the Connector object: `connector = Connector(update=update, schema=schema)` and in __main__ call `connector.debug(...)`, or use `fivetran debug` from the project folder.",
        ["connector.debug", "fivetran debug"],
        g=[r"connector\.debug\("],
        only=r"(template_connector|_template_connector|quickstart/hello|three_operations)/connector\.py$",
        d=["testing"], s=["sdk:Connector.debug"], c=["cli:debug"]),
   ])

q("operations", "non-native",
  "op.upsert what are the parameter? I have list of 5000 dicts from API, can I give whole list in one call for bulk insert or must be one by one?",
  "docs: Supported Operations (each call sends exactly one row)",
  [fact("op.upsert takes `table` (the table name, a str) and `data` (a dict of column name -> value for one row).",
        ["data=", "dict"],
        d=["ops_old", "ops_new"], s=["sdk:Operations.upsert"]),
   fact("Each op.upsert call sends exactly one row; there is no bulk/list form, so loop over the records and call op.upsert for each.",
        ["one row", "single row", "one record", "single record", "each record", "for each", "loop"],
        g=[r"Each call to upsert\(\)", r"for (record|row|item) in .*:\s*\n\s*(#.*\n\s*)*op\.upsert"],
        only=r"(template_connector/connector\.py|README\.md)$",
        d=["ops_old", "ops_new"]),
   fact("In 3.0.0 op.upsert also has optional keyword-only arguments `schema` and `file`; table and data are the required ones.",
        ["schema=", "keyword", "file="],
        s=["sdk:Operations.upsert"]),
   ])

q("operations", "how-do-i",
  "how do I wipe a table and reload it from scratch each sync? is there an op for that, what arguments does it take",
  "example: examples/common_patterns/truncate_operation",
  [fact("Use op.truncate(table=...): it only needs the table name, no row data (3.0.0 signature: truncate(table, *, schema=None)).",
        ["op.truncate", "truncate("],
        g=[r"op\.truncate\(table="],
        d=["ops_new"], s=["sdk:Operations.truncate"]),
   fact("truncate does not physically empty the table: it soft-deletes every row that existed before the call by setting _fivetran_deleted = true.",
        ["_fivetran_deleted", "soft delete", "soft-delete", "marks"],
        g=[r"truncate.{0,80}soft.delet", r"soft-deletes all rows"],
        d=["ops_new"], s=["sdk:Operations.truncate"]),
   fact("Rows you upsert after the truncate call in the same sync are not affected (they land with _fivetran_deleted = false).",
        ["not affected", "unaffected", "_fivetran_deleted = false", "not soft-deleted", "not marked"],
        g=[r"(Rows|rows) (emitted|upserted|inserted) after .{0,20}truncate.{0,40}(not affected|are NOT affected)", r"not soft-deleted because they are emitted after"],
        d=["ops_new"]),
   ])

q("operations", "error-paste",
  "```\nError: failed while executing update() error: Table name must be a string, got int\n```\nI'm passing table=table_id where table_id comes from the API",
  "SDK error string (fivetran_connector_sdk_common/helpers.py _validate_table_name)",
  [fact("The table argument of every operation must be a non-empty string; the SDK raises TypeError for other types (and ValueError for an empty name).",
        ["string", "str("],
        s=["sdk:Operations.upsert", "sdk:Operations.update", "sdk:Operations.delete", "sdk:Operations.truncate"]),
   fact("Convert the name, e.g. op.upsert(table=str(table_id), data=...), or use a fixed table name; names are then normalized by Fivetran's naming rules.",
        ["str("],
        d=["ops_old", "ops_new"]),
   fact("An exception raised inside update() fails the sync; the SDK reports it as 'failed while executing update() error: ...' with the traceback.",
        ["fails the sync", "sync fail", "fail the sync", "sync to fail", "sync will fail"],
        s=["sdk:Connector"], d=["errors"]),
   ])

q("operations", "why",
  "why does the local table have user_data when my code does op.upsert(table=\"userData\", ...)? and a column createdAt came out as created_at. can i keep my original names?",
  "docs troubleshooting: Schema and Upsert Table Names Produce Different Destination Tables",
  [fact("Fivetran renames tables and columns to its naming rules (lowercase snake_case, camelCase split, special characters replaced by _), so userData becomes user_data.",
        ["snake", "lowercase", "renam", "normaliz"],
        g=[r"renaming rules", r"snake_case"], only=r"(README|\.md)$",
        d=["naming", "ops_old", "ops_new"]),
   fact("The naming strategy can be set with --naming SOURCE (default FIVETRAN) on fivetran debug / fivetran deploy to keep source names.",
        ["--naming", "SOURCE"],
        d=["commands"], c=["cli:debug", "cli:deploy"]),
   fact("The naming strategy is fixed when the connection (or local warehouse.db) is created; a later --naming is ignored with a warning.",
        ["cannot be changed", "can't be changed", "only applied when creating", "ignored", "fivetran reset"],
        d=["commands"], s=["sdk:Connector.debug"]),
   ])

q("operations", "why",
  "In the community ehi connector there's a comment 'Serialises op.checkpoint() calls across worker threads — the SDK output stream is not thread-safe.' "
  "but the complex_error_handling_multithreading README says SDK operations are thread-safe by design. which is true for 3.0.0? can I call op.upsert from ThreadPoolExecutor workers?",
  "contradiction between community_connectors/ehi/high_volume_ehi/connector.py and connector_sdk complex_error_handling_multithreading/README.md",
  [fact("In 3.0.0 the operations are thread-safe: the SDK serializes them internally with locks, so op.upsert can be called from worker threads.",
        ["thread-safe", "thread safe", "lock"],
        g=[r"SDK operations \(upsert, checkpoint\) are thread-safe", r"thread-safe as the SDK handles internal synchronization"],
        s=["sdk:Operations.upsert", "sdk:Operations.checkpoint"]),
   fact("op.checkpoint is serialized too: it returns once everything emitted before it is committed; other threads' operations wait meanwhile.",
        ["serializ", "one at a time", "lock", "wait"],
        s=["sdk:Operations.checkpoint"]),
   fact("Keep the thread pool small: the examples recommend about 4-8 worker threads; more threads do not help in production.",
        ["4-8", "4 to 8", "4–8", "4 and 8", "four to eight"],
        g=[r"4-8 worker threads", r"recommended: 4-8", r"maximum of 4-8"],
        ),
   ])

q("operations", "how-do-i",
  "what is the `schema` keyword on op.upsert / op.delete in 3.0.0? docs only show table and data. how do i use it",
  "introspection of fivetran-connector-sdk 3.0.0 (Operations.upsert signature)",
  [fact("`schema` is an optional keyword-only argument naming the source schema the table belongs to; it is on upsert, update, delete and truncate.",
        ["source schema", "keyword"],
        s=["sdk:Operations.upsert", "sdk:Operations.update", "sdk:Operations.delete", "sdk:Operations.truncate"]),
   fact("When given it must be a non-empty string ('schema' must be a non-empty string / must be a string).",
        ["non-empty", "must be a string"],
        s=["sdk:Operations.upsert"]),
   fact("It pairs with the optional 'schema' key of a table entry returned by schema(): the table is identified by (schema, table).",
        ["schema()", "'schema' key", "\"schema\" key", "schema key"],
        s=["sdk:Operations.upsert", "sdk:Connector"]),
   ])

q("operations", "error-paste",
  "followed the CLAUDE.md cheat sheet: `op.update(table=\"orders\", data=changes)` and got\n```\nTypeError: Operations.update() got an unexpected keyword argument 'data'\n```",
  "examples/ai/claude/CLAUDE.md documents op.update(table=\"name\", data=data_dict), which does not match the 3.0.0 signature",
  [fact("op.update's second parameter is named `modified`, not `data`: op.update(table=\"orders\", modified=changes) (or pass it positionally).",
        ["modified"],
        g=[r"op\.update\(table=.{0,40}modified=", r"op\.update\(table, modified\)"], d=["ops_old", "ops_new"], s=["sdk:Operations.update"]),
   fact("The `modified` dict must contain the primary key column(s) of the row plus the columns to change; other columns keep their values.",
        ["primary key"],
        g=[r"op\.update\(\)`? (–|-|to) (Modify specific fields|partially modify)", r"op\.update\(\) modifies only the supplied columns"],
        d=["ops_old", "ops_new"], s=["sdk:Operations.update"]),
   fact("op.update only changes an existing row; if no row has that primary key nothing is inserted (use op.upsert for rows that may be new).",
        ["existing row", "only updates existing", "op.upsert", "use upsert"],
        g=[r"Only updates existing rows", r"Modify specific fields of an existing record"], d=["ops_old", "ops_new"]),
   ])

# =====================================================================================================================
# deletes & soft deletes
# =====================================================================================================================
q("deletes", "how-do-i",
  "How do I delete a record from the destination? The API gives me a /deleted endpoint with the ids of removed customers.",
  "example: examples/common_patterns/update_and_delete/delete_example",
  [fact("Call op.delete(table=..., keys={...}) with the primary key value(s) of the row, one call per deleted record.",
        ["op.delete"],
        g=[r"op\.delete\(table="], d=["ops_old", "ops_new"], s=["sdk:Operations.delete"]),
   fact("op.delete is a soft delete: the row stays in the destination and its _fivetran_deleted column is set to true.",
        ["_fivetran_deleted", "soft delete", "soft-delete"],
        g=[r"soft.delete.{0,60}(primary key|by its primary)", r"delete\(table, keys\)"],
        d=["ops_old", "ops_new", "soft_delete"], s=["sdk:Operations.delete"]),
   fact("The keys dict must contain every primary key column of the table (all parts of a composite key).",
        ["all primary key", "every primary key", "all key columns", "composite", "full primary key", "complete primary key", "all the primary key"],
        g=[r"provide all the primary key", r"incomplete primary keys"]),
   ])

q("deletes", "why",
  "why are the rows I deleted with op.delete still in warehouse.db?? I expected them to be gone. is there a hard delete?",
  "common mistake: expecting hard deletes; FAQ/debug users inspect warehouse.db",
  [fact("Deletes in Fivetran are soft deletes: the row is kept and _fivetran_deleted is set to TRUE.",
        ["_fivetran_deleted", "soft"],
        g=[r"_fivetran_deleted\s*=\s*true", r"_fivetran_deleted.{0,40}true"],
        d=["soft_delete", "ops_old", "ops_new"], s=["sdk:Operations.delete"]),
   fact("Filter deleted rows out when querying, e.g. WHERE _fivetran_deleted = false (or NOT _fivetran_deleted).",
        ["where _fivetran_deleted", "_fivetran_deleted = false", "_fivetran_deleted is false", "not _fivetran_deleted", "filter"],
        d=["soft_delete"]),
   fact("The SDK has no hard-delete operation: op.delete and op.truncate only mark rows as deleted.",
        ["no hard", "not physically", "never physically", "only mark", "doesn't remove", "does not remove", "isn't removed", "not removed"],
        s=["sdk:Operations.delete", "sdk:Operations.truncate"]),
   ])

q("deletes", "error-paste",
  "my table has primary_key [\"id\", \"dept\"] and I do op.delete(table=\"t\", keys={\"id\": 1}). fivetran debug dies with\n"
  "```\nError: failed while executing update() error: Null primary key found while syncing table tester.t. Primary Key dept is null in object.\n```",
  "SDK error string (fivetran_connector_sdk_core runner); example delete_example warns about incomplete keys",
  [fact("keys passed to op.delete must include all primary key columns; a missing key column counts as NULL and fails the sync.",
        ["all primary key", "every primary key", "both", "all key columns", "full key", "complete key", "all the primary key"],
        g=[r"provide all the primary key", r"incomplete primary keys will raise an error"],
        s=["sdk:Operations.delete"]),
   fact("Fix: pass the full composite key, e.g. op.delete(table=\"t\", keys={\"id\": 1, \"dept\": 1}).",
        ["dept"],
        g=[r"op\.delete\(table=\"sample_table\", keys=\{\"id\": 3, \"department_id\": 1\}\)"]),
   fact("Partial-key deletes (delete all rows with dept=1) are not supported: fetch the full keys of those rows and delete each one.",
        ["one by one", "for each", "each row", "full key", "complete key", "full primary key", "complete primary key", "loop"],
        g=[r"Select specific records for deletion by their complete primary keys"]),
   ])

q("deletes", "comparison",
  "op.truncate vs op.delete — when would I use each?",
  "example: examples/common_patterns/truncate_operation README",
  [fact("op.delete soft-deletes one row identified by its primary key (keys dict).",
        ["one row", "single row", "specific row", "individual row", "specific record", "one record", "single record"],
        g=[r"delete\(table, keys\).{0,80}single row", r"soft-deletes a single row"],
        d=["ops_old", "ops_new"], s=["sdk:Operations.delete"]),
   fact("op.truncate soft-deletes every row existing in the table before the call and needs only the table name.",
        ["all rows", "every row", "all existing", "whole table", "entire table", "all the rows"],
        g=[r"truncate\(table\).{0,40}soft-deletes every row", r"soft-deletes all rows that exist"],
        d=["ops_new"], s=["sdk:Operations.truncate"]),
   fact("truncate suits full-refresh sources that resend their whole dataset each sync; delete suits sources that report individual deletions.",
        ["full refresh", "full-refresh", "entire dataset", "whole dataset", "snapshot"],
        g=[r"full-refresh patterns"]),
   ])

q("deletes", "chatty",
  "Question about un-deleting. A product got removed at the source, I sent op.delete for it, so it's _fivetran_deleted = true now. "
  "Two weeks later the same product id comes back in the API. If I just op.upsert it again, do I end up with two rows or does the old one come back to life?",
  "example: truncate_operation Stage 5 (revive); soft delete docs",
  [fact("Upserting a row whose primary key was deleted updates that same row: _fivetran_deleted goes back to false and the new values are applied (no duplicate).",
        ["false", "same row", "revive", "come back", "not a duplicate", "no duplicate", "one row"],
        g=[r"sets `?_fivetran_deleted = false`? and applies the new", r"Revive a truncated row", r"revive"],
        only=r"truncate_operation",
        d=["soft_delete"]),
   fact("This relies on the table having a primary key; rows are matched by primary key.",
        ["primary key"],
        d=["ops_old", "ops_new", "schema_mgmt"]),
   ])

q("deletes", "error-paste",
  "trying deferred truncate:\n```\nop.truncate(table=\"orders\", deferred=True)\nTypeError: Operations.truncate() got an unexpected keyword argument 'deferred'\n```\nI'm on fivetran-connector-sdk 3.0.0",
  "changelog November 2026 (3.1.0 added deferred truncate) vs installed 3.0.0 signature",
  [fact("fivetran-connector-sdk 3.0.0's op.truncate has no deferred parameter; its signature is truncate(table, *, schema=None).",
        ["no deferred", "not in 3.0", "doesn't have", "does not have", "not available", "not support", "doesn't exist", "does not exist", "isn't available"],
        s=["sdk:Operations.truncate"]),
   fact("Deferred truncate (mark old rows deleted only after the sync completes successfully) was added in fivetran-connector-sdk 3.1.0, so upgrade to use it.",
        ["3.1"],
        d=["nov2026"]),
   fact("In 3.0.0 a truncate applies to rows synced before the call; if a later checkpoint commits it and the sync then fails, those rows stay marked deleted.",
        ["stay marked", "remain marked", "stay deleted", "remain deleted", "already committed", "not rolled back", "can't be undone", "cannot be undone", "stay soft-deleted", "remain soft-deleted"],
        s=["sdk:Operations.truncate"], g=[r"truncate\(\) soft-deletes all rows that exist in the destination before the call", r"Checkpoint flushes the truncate"]),
   ])

q("deletes", "how-do-i",
  "the API I'm pulling only returns what exists right now, there's no deleted flag or /deleted endpoint. how do I get rows that disappeared marked as deleted in the destination?",
  "example: truncate_operation README (useful for full-refresh patterns)",
  [fact("Use a full-refresh pattern: call op.truncate(table) and then upsert the complete current dataset in the same sync.",
        ["op.truncate", "truncate"],
        g=[r"full-refresh patterns where the source replaces its entire dataset"],
        d=["ops_new"], s=["sdk:Operations.truncate"]),
   fact("Rows that are not sent again stay soft-deleted (_fivetran_deleted = true); rows re-sent after the truncate have _fivetran_deleted = false.",
        ["_fivetran_deleted"],
        g=[r"Upserting a row whose primary key was previously truncated", r"post-truncate inserts"],
        only=r"truncate_operation"),
   fact("Alternatively keep the set of ids seen in the previous sync and op.delete the ones that vanished; delete needs the primary key values.",
        ["op.delete", "previous sync", "ids seen", "compare"],
        d=["ops_old", "ops_new"], s=["sdk:Operations.delete"]),
   ])

q("deletes", "terse",
  "do i need to add _fivetran_deleted / _fivetran_synced to my schema columns?",
  "common mistake: declaring Fivetran system columns by hand",
  [fact("No: Fivetran adds the system columns itself; _fivetran_deleted (boolean) marks soft-deleted rows and _fivetran_synced holds the time the row was synced.",
        ["automatic", "adds", "added by", "don't need to", "do not need to", "no need", "don't declare", "do not declare", "system column"],
        g=[FIVETRAN_SYNCED], exclude=r"\.py$",
        d=["soft_delete"]),
   fact("A table without a declared primary key also gets _fivetran_id, a hash of the row's values used as its key.",
        ["_fivetran_id"],
        g=[FIVETRAN_ID_HASH],
        d=["methods", "schema_mgmt"]),
   ])

q("deletes", "why",
  "Why does the Connector SDK not keep history when I update or delete? I need to keep every version of a row for audit, is history mode supported?",
  "docs: Technical Reference limitations (History mode); example common_patterns/history_mode",
  [fact("The Connector SDK does not support Fivetran history mode natively.",
        ["not support", "doesn't support", "no history mode", "not natively", "isn't supported", "not available"],
        g=[r"Connector SDK does not support history mode", r"does not support History Mode"],
        d=["history"]),
   fact("You can mimic it by adding a timestamp (e.g. updated_at) column to a composite primary key, so each change becomes a new row.",
        ["composite primary key", "composite key", "timestamp"],
        g=[r"timestamp column as part of a composite primary key", r"composite primary key"],
        only=r"history_mode",
        d=["history"]),
   ])

q("deletes", "non-native",
  "table no have primary key in schema(). I want delete one row with op.delete, what keys I give? it not working",
  "docs: schema() notes on _fivetran_id; schema management recommends primary keys",
  [fact("Without a declared primary key Fivetran uses _fivetran_id, a hash of all the row's column values, as the key.",
        ["_fivetran_id", "hash"],
        g=[FIVETRAN_ID_HASH], d=["methods", "schema_mgmt"]),
   fact("op.delete identifies rows by primary key, so declare a primary_key for the table in schema() to be able to delete specific rows.",
        ["primary_key", "primary key"],
        g=[r"We recommend defining a primary_key for each table", r"Declare primary keys"],
        d=["schema_mgmt", "best"], s=["sdk:Operations.delete"]),
   ])

# =====================================================================================================================
# checkpoints & state
# =====================================================================================================================
q("checkpoints", "terse",
  "op.checkpoint args + what happens with it",
  "docs: state management; template_connector comments",
  [fact("op.checkpoint(state) takes one dict: the state you want saved (your cursors).",
        ["dict", "dictionary"],
        d=["state"], s=["sdk:Operations.checkpoint"]),
   fact("The saved state is passed as the `state` argument of update() at the next sync, so the connector can resume from where it left off.",
        ["next sync", "next run", "resume", "where it left off"],
        g=[r"resume from the correct position", r"continue the\s+sync from where it left off", r"resume syncing from where it left off"],
        d=["state"], s=["sdk:Operations.checkpoint"]),
   fact("A checkpoint also tells Fivetran it is safe to write the data sent so far to the destination, so checkpoint even if you don't sync incrementally.",
        ["safe to write", "commit", "flush", "written"],
        g=[r"checkpoint even if you are not using incremental sync", r"safe to write to destination"]),
   ])

q("checkpoints", "error-paste",
  "```\nError: failed while executing update() error: Object of type datetime is not JSON serializable\n  File \".../operations.py\", line 107, in checkpoint\n    checkpoint = Checkpoint(state_json=json.dumps(state))\n```\nI do op.checkpoint({\"cursor\": last_modified}) where last_modified is a datetime",
  "SDK behaviour: Operations.checkpoint json.dumps the state",
  [fact("The state is serialized with json.dumps, so every value must be JSON-serializable (str, number, bool, list, dict, None).",
        ["json.dumps", "json serializ", "json-serializ", "serializable"],
        d=["state"], s=["sdk:Operations.checkpoint"]),
   fact("Store the datetime as a string, e.g. last_modified.isoformat() (or strftime), and parse it back when reading state.",
        ["isoformat", "strftime", "str(", "iso 8601", "iso string", "as a string"],
        g=[r"state(\[[^]]+\]\s*=|\.setdefault\([^,]+,)\s*[^\n]{0,40}\.isoformat\(\)"], d=["state"]),
   ])

q("checkpoints", "how-do-i",
  "How often should I call op.checkpoint? right now I call it once at the very end after ~2M rows",
  "template_connector comment; docs best practices; techref 'Long syncs should periodically call checkpoint()'",
  [fact("Checkpoint regularly during the sync (e.g. every N records or after each page/batch), not only at the end.",
        ["every n", "every 1000", "periodic", "regularly", "each page", "per page", "per batch", "each batch", "after each"],
        g=[r"checkpoint regularly \(e\.g\., every N records\)", r"checkpoint.{0,30}(every|after each) (page|batch|\d)"],
        d=["best", "history"]),
   fact("If a sync fails, the next one starts from the last checkpointed state, so rare checkpoints mean re-syncing a lot of data.",
        ["last checkpoint", "re-sync", "resync", "start over", "from the last"],
        d=["state", "best"], s=["sdk:Operations.checkpoint"]),
   fact("The cursor you checkpoint must only cover data already sent (e.g. the max updated_at of the rows emitted so far).",
        ["already sent", "already emitted", "already upserted", "already processed", "already been"],
        d=["state"]),
   ])

q("checkpoints", "chatty",
  "Trying to understand failure semantics. My update() upserts page 1, checkpoints {\"page\": 2}, upserts half of page 2 and then the API throws. "
  "On the next run, do I get state {\"page\": 2}? And what happened to the half page of rows I upserted after the checkpoint — are they in the destination or lost?",
  "verified with fivetran debug (verify/out/state_resume.txt); docs state management",
  [fact("The next sync's state is the last checkpointed state ({\"page\": 2} here); state sent after it is not saved.",
        ["{\"page\": 2}", "last checkpoint", "page 2"],
        d=["state"], s=["sdk:Operations.checkpoint"]),
   fact("Rows emitted after the last checkpoint of a failed sync are not committed; the next sync re-sends them from the checkpointed cursor.",
        ["not committed", "discarded", "dropped", "lost", "re-sen", "resen", "not written"],
        s=["sdk:Operations.checkpoint"]),
   fact("Because data can be re-sent after a failure, operations should be idempotent (upsert by primary key).",
        ["idempotent", "duplicate", "upsert by primary key", "by primary key"],
        g=[r"idempotent"], only=r"(priority_first_sync_for_high_volume_initial_syncs|hashes)/README\.md$", d=["state"]),
   ])

q("checkpoints", "how-do-i",
  "how do I reset the state locally so fivetran debug does a fresh initial sync again?",
  "docs: testing connectors (fivetran reset); cli help",
  [fact("Run `fivetran reset` in the project folder: it deletes the local files/ folder, i.e. state.json and warehouse.db.",
        ["fivetran reset"],
        g=[r"fivetran reset"], d=["testing", "techref_old", "pk_change"], c=["cli:reset"]),
   fact("fivetran debug keeps the state in files/state.json inside the project and reads it on the next run.",
        ["files/state.json", "state.json"],
        g=[r"files/state\.json"], d=["testing"], s=["sdk:Connector.debug"]),
   fact("You can also start from a specific state by passing a file: fivetran debug --state <path/to/state.json>.",
        ["--state"],
        c=["cli:debug"], s=["sdk:Connector.debug"]),
   ])

q("checkpoints", "error-paste",
  "what does this warning mean, sync says SUCCEEDED though:\n```\nWARNING  ⚡ sdk  ⚡ op.checkpoint() was never called during this sync. We recommend calling op.checkpoint(state) periodically in your update function to save sync state and avoid re-syncing data unnecessarily.\n```",
  "SDK warning string (fivetran_connector_sdk_core constants NEVER_CHECKPOINTED)",
  [fact("It is only a warning: the rows are still committed at the end of a successful sync.",
        ["only a warning", "just a warning", "still committed", "still written", "not an error", "still succeed"],
        s=["sdk:Connector.debug"]),
   fact("Without op.checkpoint no state is saved, so the next sync starts from the same (e.g. empty) state and re-syncs everything.",
        ["re-sync", "resync", "same state", "from scratch", "no state", "empty state", "start over", "everything again"],
        g=[r"Save the progress by checkpointing the state"],
        only=r"template_connector",
        d=["state"]),
   fact("Call op.checkpoint(state) in update(), periodically and after the last batch.",
        ["op.checkpoint"],
        g=[r"op\.checkpoint\(state"], only=r"template_connector", d=["state", "methods"], s=["sdk:Operations.checkpoint"]),
   ])

q("checkpoints", "terse",
  "state on first sync = None or {}?",
  "template_connector docstring; docs Supported Methods",
  [fact("On the first sync (and after a full re-sync) state is an empty dict {}, not None.",
        ["{}", "empty"],
        g=[FIRST_SYNC_EMPTY], d=["methods"], s=["sdk:Connector.debug"]),
   fact("Read cursors with a default, e.g. state.get(\"last_updated_at\", <start value>).",
        ["state.get", ".get("],
        g=[r"state\.get\(\"last_updated_at\"\)"], only=r"template_connector", d=["state"]),
   ])

q("checkpoints", "error-paste",
  "I want to test a deployed connector from a specific cursor so I ran\n```\nfivetran deploy --destination dw --connection crm --state state.json\n```\nand got `unrecognised argument: '--state'; not supported by 'deploy'`. How do I reset or set state for the deployed connection?",
  "SDK error string (connector_helper.get_state); cli help for deploy",
  [fact("fivetran deploy does not accept --state (it is only for local fivetran debug / fivetran run).",
        ["not supported", "only for", "doesn't accept", "does not accept", "not accept", "local only", "only locally"],
        c=["cli:deploy", "cli:debug"]),
   fact("The state of a deployed connection is managed through the Fivetran REST API (or a re-sync from the dashboard, which starts with empty state).",
        ["rest api", "fivetran api", "re-sync", "resync"],
        d=["state", "methods"]),
   ])

q("checkpoints", "why",
  "why shouldn't I put the refreshed OAuth access token in state? it'd be convenient to reuse it next sync",
  "FAQ.md: Do not store sensitive information in the state file as it is not encrypted",
  [fact("State is not encrypted, so don't store secrets or tokens in it.",
        ["not encrypted", "unencrypted", "isn't encrypted", "plain"],
        f=["connector_sdk:FAQ.md"], d=["state"]),
   fact("Secrets belong in the configuration, which Fivetran stores encrypted; the update_configuration_during_sync example updates configuration values via the Fivetran REST API during a sync.",
        ["in the configuration", "configuration values", "configuration.json", "encrypted"],
        g=[r"encrypted"], only=r"(FAQ\.md|update_configuration_during_sync/README\.md)$",
        d=["config"]),
   ])

q("checkpoints", "how-do-i",
  "how should I shape state when I sync 3 endpoints (users, orders, products) each with own updated_at cursor?",
  "docs state management (multiple table cursors); example cursors/multiple_tables_with_cursors",
  [fact("State is a JSON object you design; keep one cursor per table, e.g. {\"users_cursor\": ..., \"orders_cursor\": ..., \"products_cursor\": ...} or a nested dict per table.",
        ["per table", "each table", "users_cursor", "nested", "\"users\""],
        g=[r"users_cursor|orders_cursor"], d=["state"]),
   fact("Each op.checkpoint saves the whole dict you pass (it replaces the previous state), so always checkpoint the complete state with all cursors.",
        ["whole", "entire", "complete", "all cursors", "replace"],
        s=["sdk:Operations.checkpoint"], d=["state"]),
   ])

# =====================================================================================================================
# schema / column types / primary keys
# =====================================================================================================================
q("schema", "terse",
  "valid colum types for schema() columns",
  "docs: Supported Data Types",
  [fact("Supported types: BOOLEAN, SHORT, INT, LONG, DECIMAL, FLOAT, DOUBLE, NAIVE_DATE, NAIVE_DATETIME, UTC_DATETIME, BINARY, XML, STRING, JSON.",
        ["UTC_DATETIME", "NAIVE_DATETIME"],
        gall=[r"UTC_DATETIME", r"NAIVE_DATETIME", r"NAIVE_DATE\b", r"DECIMAL", r"BOOLEAN", r"JSON"],
        d=["types"], s=["sdk:Connector"]),
   fact("Declaring types is optional: undeclared columns get a type inferred from the values.",
        ["infer"],
        g=[r"types will be inferred", r"data types will be inferred", r"infers the data type"],
        d=["types", "schema_mgmt", "techref_old"]),
   fact("NAIVE_TIME is not accepted by schema() in 3.0.0 (it fails with 'Unrecognized column type encountered').",
        ["NAIVE_TIME"],
        s=["sdk:Connector"]),
   ])

q("schema", "error-paste",
  "```\nError: failed while executing schema() error: DECIMAL data type missing precision and scale. Use a dictionary for DECIMAL column type like: \"col_name\": {  # Decimal data type with precision and scale.\n```\nmy schema has \"amount\": \"DECIMAL\"",
  "SDK error string (schema_processing.process_data_type)",
  [fact("A DECIMAL column must be declared as a dict with precision and scale, e.g. \"amount\": {\"type\": \"DECIMAL\", \"precision\": 15, \"scale\": 2}.",
        ["precision", "scale"],
        g=[r"\"type\":\s*\"DECIMAL\"", r"'type':\s*'DECIMAL'"], d=["types"], s=["sdk:Connector"]),
   fact("Only DECIMAL uses the dict form; all other types are given as a plain string such as \"STRING\".",
        ["plain string", "as a string", "a string", "only decimal", "other types"],
        s=["sdk:Connector"]),
   ])

q("schema", "error-paste",
  "fivetran debug:\n```\nError: failed while executing schema() error: ('Unrecognized column type encountered:: ', 'TIMESTAMP')\n```\nwhat's the right name for a timestamp column?",
  "SDK error string (schema_processing.process_data_type)",
  [fact("TIMESTAMP is not an SDK type: use UTC_DATETIME for timezone-aware timestamps or NAIVE_DATETIME for timestamps without a time zone (NAIVE_DATE for dates).",
        ["UTC_DATETIME", "NAIVE_DATETIME"],
        gall=[r"UTC_DATETIME", r"NAIVE_DATETIME"], d=["types"]),
   fact("UTC_DATETIME values can be timezone-aware datetime objects or ISO 8601 strings with an offset, e.g. \"2025-08-12T15:00:00+00:00\" or ending in Z.",
        ["+00:00", "offset", "timezone-aware", "tz-aware", "Z\""],
        d=["types"], s=["sdk:Operations.upsert"]),
   ])

q("schema", "how-do-i",
  "how do i define a composite primary key (order_id + line_no)?",
  "example: update_and_delete/delete_example (composite key)",
  [fact("List all key columns in primary_key: {\"table\": \"order_lines\", \"primary_key\": [\"order_id\", \"line_no\"]}.",
        ["\"order_id\", \"line_no\"", "'order_id', 'line_no'", "both columns", "list of"],
        g=[r"\"primary_key\":\s*\[\s*\"[a-z_]+\",\s*\"[a-z_]+\""], d=["methods"]),
   fact("Every upserted row must contain non-null values for all key columns; a null key fails the sync.",
        ["null", "none"],
        s=["sdk:Operations.upsert"]),
   ])

q("schema", "why",
  "why do I get a _fivetran_id column in some tables and not others?",
  "docs: Supported Methods schema() notes; verified with fivetran debug (verify/out/no_pk_fivetran_id.txt)",
  [fact("Tables without a declared primary key get _fivetran_id, a surrogate key hashed from the row's values.",
        ["_fivetran_id", "hash", "surrogate"],
        g=[FIVETRAN_ID_HASH], d=["methods", "schema_mgmt"]),
   fact("Tables whose schema() entry has a primary_key use those columns as the key and have no _fivetran_id.",
        ["primary_key", "primary key"],
        d=["methods", "schema_mgmt"]),
   fact("If schema() is not passed to Connector(update=..., schema=...), tables are inferred from the data and get no primary key.",
        ["Connector(update=update, schema=schema)", "schema=schema", "not passed", "not provided"],
        s=["sdk:Connector"]),
   ])

q("schema", "chatty",
  "Weird one: my source has a `middle_name` field that is null for every record we currently have. The column never shows up in the destination. "
  "My boss wants it there anyway so downstream models don't break. Is that a bug?",
  "FAQ.md: Will Fivetran automatically create a column in the destination if an API returns all NULL values for it?",
  [fact("Not a bug: Fivetran does not create a column whose values are all NULL when it is not declared in the schema.",
        ["not create", "doesn't create", "won't create", "does not create", "not a bug"],
        f=["connector_sdk:FAQ.md"], d=["schema_mgmt"]),
   fact("Declare the column in the table's columns in schema() (e.g. \"middle_name\": \"STRING\") so it is created even with only NULLs.",
        ["declare", "define", "schema()"],
        f=["connector_sdk:FAQ.md"], d=["schema_mgmt"]),
   ])

q("schema", "error-paste",
  "```\nError: failed while executing update() error: Null primary key found while syncing table tester.users. Primary Key id is null in object.\n```",
  "SDK error string (fivetran_connector_sdk_core runner)",
  [fact("A row was sent whose primary key column (id) is missing or None; every row must carry non-null values for all primary key columns.",
        ["null", "none", "missing"],
        s=["sdk:Operations.upsert"]),
   fact("Check that the key names in the data dict match the primary_key names in schema() exactly, and skip or fix records without an id before calling op.upsert.",
        ["match", "same name", "skip", "filter"],
        d=["methods"]),
   fact("The failed operation ends the sync; data sent after the last checkpoint is not committed.",
        ["fails the sync", "sync fail", "sync is failed", "ends the sync", "stops the sync"],
        s=["sdk:Operations.checkpoint"], d=["errors"]),
   ])

q("schema", "terse",
  "should I declare every column type in schema() or just PK?",
  "template_connector comment; AI agent instructions; docs best practices 'Declare columns and data types only as necessary'",
  [fact("Define the table and its primary key; declare column types only where needed (e.g. DECIMAL precision, JSON, dates, all-NULL columns).",
        ["only define", "only the primary key", "just the primary key", "only where needed", "only as necessary", "only when needed", "only if needed", "not every column", "don't need to declare every", "not necessary to declare"],
        g=[r"Only define table names and primary keys", r"We recommend not defining all columns", r"Declare columns and data types only as necessary"],
        d=["best"]),
   fact("Columns not declared get their types inferred from the data, which leaves room for schema evolution.",
        ["infer"],
        g=[r"will be inferred based on the data provided", r"allow for schema evolution"], d=["types"]),
   ])

q("schema", "why",
  "I changed primary_key from [\"id\"] to [\"id\", \"region\"] and now local debug fails weirdly on the existing table. why and how to fix?",
  "docs troubleshooting: Sync Failed: This Could Be Caused Due to Schema Definition Changes",
  [fact("Changing a table's primary key conflicts with the table already created in the local warehouse.db by earlier runs.",
        ["warehouse.db", "existing table", "already created", "local table"],
        d=["pk_change", "testing"]),
   fact("Run `fivetran reset` (deletes warehouse.db and state) and run fivetran debug again.",
        ["fivetran reset"],
        g=[r"fivetran reset"], d=["pk_change", "testing"], c=["cli:reset"]),
   ])

q("schema", "how-do-i",
  "how do i tell fivetran a column holds json (dict/list from the api)? do I have to json.dumps it first?",
  "docs: Supported Data Types (JSON); verified with fivetran debug (verify/out/types_roundtrip.txt)",
  [fact("You can pass the dict or list directly as the value; the SDK serializes it as JSON (no json.dumps needed).",
        ["directly", "no need", "don't need", "not need", "as is", "as-is"],
        s=["sdk:Operations.upsert"]),
   fact("Declare the column as \"JSON\" in schema() to fix its type; undeclared dict/list values are inferred as JSON.",
        ["\"JSON\"", "'JSON'", "JSON type", "type JSON", "as JSON"],
        g=[r":\s*\"JSON\""], exclude=r"\.json$", d=["types"]),
   ])

# =====================================================================================================================
# configuration.json & secrets
# =====================================================================================================================
q("configuration", "error-paste",
  "```\nSEVERE ⚡ sdk invalid configuration file; all values must be strings\nreference: https://fivetran.com/docs/connector-sdk/connector-development-and-configuration/configuration-json#workingwithconfigurationjson\n```\nmy configuration.json has \"page_size\": 100 and \"enabled\": true",
  "SDK error string (fivetran_connector_sdk_common/configuration.py)",
  [fact("configuration.json must be a flat JSON object whose values are all strings; numbers and booleans are rejected.",
        ["string"],
        g=[r"only allowed type of values is STRING", r"All values must be strings", r"String values only", r"can only contain string values", r"All configuration values must be strings"],
        d=["config"], s=["sdk:Connector.debug"]),
   fact("Write them as strings (\"100\", \"true\") and convert in code, e.g. int(configuration[\"page_size\"]) and configuration[\"enabled\"].lower() == \"true\".",
        ["int(", "\"100\"", "convert", "cast"],
        g=[r"convert numbers/booleans to strings", r"Numeric strings"], d=["config"]),
   ])

q("configuration", "how-do-i",
  "need to pass a list of regions and a nested mapping of currency settings to my connector. configuration.json won't take lists. how do people do this?",
  "example: common_patterns/complex_configuration_options; AI instructions 'Flat, single-level key/value pairs'",
  [fact("configuration.json is flat: one level of key/value pairs, string values only, no lists or nested objects.",
        ["flat", "nested", "single-level", "one level"],
        g=[r"Flat, single-level key/value", r"No lists or dictionaries", r"flat, no nesting"], d=["config"]),
   fact("Encode the value as a string (comma-separated, or a JSON string) and parse it in code, e.g. configuration[\"regions\"].split(\",\") or json.loads(...).",
        ["split", "json.loads", "comma"],
        g=[r"Comma-separated strings", r"(configuration|config)(\.get\([^)]*\)|\[[^]]+\])[^\n]{0,40}\.split\("],
        d=["config"]),
   fact("Static complex values that aren't secrets can live in your code instead (the complex_configuration_options example keeps them in config.py).",
        ["config.py", "in code", "in your code", "constants", "hardcode"],
        g=[r"define them directly in a separate Python file", r"from config import|import config"], only=r"complex_configuration_options"),
   ])

q("configuration", "how-do-i",
  "how does my code get the values from configuration.json? should I open the file in update()?",
  "docs: Working with configuration.json (values provided as dictionary arguments)",
  [fact("Don't read the file: the values are passed to your code as the `configuration` dict argument of update(configuration, state) and schema(configuration).",
        ["configuration dict", "configuration argument", "configuration parameter", "configuration[", "configuration.get", "passed to update", "passed into update", "dictionary"],
        d=["config", "methods"], s=["sdk:Connector"]),
   fact("In production Fivetran does not deploy configuration.json with your code; the values are stored encrypted and provided at runtime.",
        ["not stored", "doesn't store", "do not store", "not deployed", "encrypted"],
        d=["config"]),
   fact("Locally, fivetran debug reads configuration.json from the project folder (or the file given with --configuration).",
        ["--configuration", "project folder", "fivetran debug"],
        g=[r"fivetran debug --configuration"], d=["config", "testing"], c=["cli:debug"]),
   ])

q("configuration", "error-paste",
  "my connector doesn't need any config, but fivetran debug stops with\n```\n✗ configuration is required; provide it via the --configuration flag, the FIVETRAN_CONFIGURATION environment variable, or by placing configuration.json in the project folder.\nIf your connector does not require configuration, pass an empty configuration.json file.\n```",
  "SDK error string in 3.0.0 (connector_helper.validate_configuration); verified with fivetran debug (verify/out/config_missing.txt)",
  [fact("In 3.0.0 fivetran debug requires a configuration; for a connector without settings create a configuration.json containing an empty object {}.",
        ["{}", "empty"],
        s=["sdk:Connector.debug"]),
   fact("The configuration can come from --configuration <file>, the FIVETRAN_CONFIGURATION environment variable, or configuration.json in the project folder.",
        ["FIVETRAN_CONFIGURATION", "--configuration"],
        d=["config"], c=["cli:debug"]),
   ])

q("configuration", "chatty",
  "Security review question from our team: our connector needs an API key and a client secret. Where should those live? "
  "We were going to commit configuration.json to the repo so CI can deploy, and some people also just hardcode the key in connector.py. What's the recommended way?",
  "FAQ.md: How do I handle sensitive information like API keys?",
  [fact("Don't hardcode credentials in the source code; pass them as configuration values.",
        ["hardcode", "hard-code", "hard code"],
        f=["connector_sdk:FAQ.md"], g=[r"Do not hardcode credentials", r"never hardcode them in connector code"], d=["config"]),
   fact("Don't commit configuration.json to version control.",
        ["version control", "commit", "git", "repo"],
        g=[r"configuration\.json` file is not checked into version control", r"not be added to your code repository"], d=["config"]),
   fact("Fivetran stores configuration values securely (encrypted); after deploy they can be edited in the connection's setup form in the dashboard.",
        ["encrypt", "dashboard", "setup form"],
        f=["connector_sdk:FAQ.md"], d=["config"]),
   ])

q("configuration", "how-do-i",
  "how to use different config files for dev and prod with same connector code? does it have to be called configuration.json?",
  "docs: Working with configuration.json (file doesn't have to be called configuration.json)",
  [fact("The file doesn't have to be called configuration.json; pass any file with --configuration <path> (absolute or relative).",
        ["--configuration"],
        d=["config"], c=["cli:debug", "cli:deploy"]),
   fact("For deploy, the configuration given with --configuration is what the connection stores; on a redeploy without --configuration the existing configuration is kept.",
        ["preserved", "kept", "keeps", "existing"],
        c=["cli:deploy"]),
   ])

q("configuration", "how-do-i",
  "how do I get a setup form in the Fivetran dashboard with dropdowns/toggles instead of raw keys, and fill my local configuration.json from it?",
  "example: quickstart/configuration_form; cli help for `fivetran configuration`",
  [fact("Build a ConfigurationForm in a configuration_form() function and pass it to Connector(update=..., schema=..., configuration_form=configuration_form).",
        ["ConfigurationForm", "configuration_form"],
        g=[r"ConfigurationForm"], s=["sdk:ConfigurationForm", "sdk:Connector"]),
   fact("`fivetran configuration` asks for each form field and writes configuration.json (password fields encrypted unless --disable-encryption); `fivetran configuration --test` runs the form's setup tests.",
        ["fivetran configuration"],
        g=[r"fivetran configuration"], c=["cli:configuration"], s=["sdk:Connector.generate_configuration"]),
   ])

q("configuration", "non-native",
  "I must refresh session token every hour and save new one into configuration while sync running. possible? the token is secret so i not want put in state",
  "example: common_patterns/update_configuration_during_sync",
  [fact("Yes: the update_configuration_during_sync example updates configuration values during a sync through the Fivetran REST API (modify connection).",
        ["rest api", "fivetran api", "modify"],
        g=[r"update the configuration values using \[Fivetran REST API\]", r"Handles configuration updates during runtime using Fivetran REST API"]),
   fact("Keeping secrets in configuration (encrypted) rather than state is right: state is not encrypted.",
        ["not encrypted", "encrypted"],
        f=["connector_sdk:FAQ.md"]),
   ])

q("configuration", "why",
  "why does schema() get a configuration argument? I thought only update() sees config",
  "docs: Supported Methods (schema(configuration: dict)); verified with fivetran debug (verify/out/config_values.txt)",
  [fact("schema(configuration) receives the same configuration dict as update(), so the tables can depend on configuration (e.g. which tables or database schema to read).",
        ["same configuration", "same dict", "same config", "configuration as update", "also receives", "also gets"],
        d=["methods", "config"], s=["sdk:Connector"]),
   fact("Validate required keys there too: an exception in schema() fails the sync with 'failed while executing schema() error: ...'.",
        ["failed while executing schema()", "fails the sync", "sync fail", "validate"],
        s=["sdk:Connector"]),
   ])

q("configuration", "terse",
  "fivetran configuration --disable-encryption what does it do",
  "cli help for `fivetran configuration`",
  [fact("By default `fivetran configuration` encrypts sensitive (password) fields in the configuration.json it writes; --disable-encryption writes them in plain text.",
        ["encrypt", "plain"],
        c=["cli:configuration"], s=["sdk:Connector.generate_configuration"]),
   fact("Disabling encryption is not recommended, especially when working with AI tools that can read the file.",
        ["not recommended", "AI tool", "AI agent", "AI assistant", "AI coding"],
        c=["cli:configuration"]),
   ])

# =====================================================================================================================
# requirements.txt & dependencies
# =====================================================================================================================
q("requirements", "terse",
  "should requirements.txt include fivetran_connector_sdk and requests?",
  "template_connector/requirements.txt note; docs project dependencies",
  [fact("No: fivetran_connector_sdk and requests are pre-installed in the Fivetran runtime and should not be listed.",
        ["pre-installed", "preinstalled", "already installed"],
        g=[PREINSTALLED], gall=[r"requirements\.txt|requirement"], d=["deps", "runtime"]),
   fact("Listing pre-installed packages can cause dependency conflicts.",
        ["conflict"],
        g=[r"To avoid dependency conflicts"], d=["deps"]),
   ])

q("requirements", "how-do-i",
  "how should I write versions in requirements.txt? just `pandas` or pinned?",
  "template_connector/requirements.txt best practices",
  [fact("Pin explicit versions with == (e.g. pandas==2.0.3) for reproducible installs.",
        ["=="],
        g=[r"Use explicit versions \(==\)", r"explicit versions"], d=["deps"]),
   fact("List only packages your connector actually imports; one per line.",
        ["only packages", "only the packages", "actually use", "actually import", "only list", "only include"],
        g=[r"Only include packages actually used", r"Only necessary packages"], d=["deps"]),
   ])

q("requirements", "comparison",
  "requirements.txt vs pyproject.toml for a connector - which one, and what if I have both?",
  "docs: Managing Project Dependencies; example quickstart/pyproject_toml",
  [fact("Both are supported: requirements.txt or a pyproject.toml with dependencies under [project].",
        ["pyproject.toml", "[project]"],
        g=[r"pyproject\.toml` file for dependency management", r"alternative to `requirements\.txt`"], d=["deps"]),
   fact("If both files are in the project root, pyproject.toml takes precedence.",
        ["precedence", "pyproject.toml wins", "uses pyproject"],
        g=[r"pyproject\.toml` takes precedence", r"Takes precedence over `requirements\.txt`"], d=["deps"], s=["sdk:Connector.debug"]),
   ])

q("requirements", "error-paste",
  "deploy printed this and asked me y/N:\n```\nSEVERE ⚡ sdk Include the following dependency libraries in requirements.txt, to be used by Fivetran production. For more information, see our docs: https://fivetran.com/docs/connector-sdk/connector-development-and-configuration/project-dependencies\npyyaml==6.0.2\n```",
  "SDK message (connector_helper.handle_missing_deps / verify_missing_deps)",
  [fact("The CLI scans your imports and found packages that are used by the code but missing from requirements.txt; production only installs what is listed there.",
        ["missing", "not listed", "not in requirements"],
        d=["deps"], s=["sdk:Connector.deploy", "sdk:Connector.debug"]),
   fact("Add them to requirements.txt (answer y to let the CLI add them, or edit the file yourself); during fivetran debug the same check is only informational.",
        ["add them", "add the", "add pyyaml", "add it", "answer y", "y to"],
        d=["deps"], s=["sdk:Connector.deploy"]),
   ])

q("requirements", "error-paste",
  "fivetran debug says\n```\nThe following dependencies are not needed, they are already installed or not in use. Remove them from requirements.txt:\npandas\n```\nbut I use pandas inside a helper module",
  "SDK message (connector_helper.log_unused_deps)",
  [fact("The message lists packages in requirements.txt that the import scan did not find used, or that are already installed; it is a warning, not an error.",
        ["not in use", "not used", "warning", "already installed"],
        d=["deps"], s=["sdk:Connector.debug"]),
   fact("If the package really is imported by your project files, keep it: only remove packages your connector does not use.",
        ["keep", "ignore", "only remove"],
        g=[r"Only include packages actually used"]),
   ])

q("requirements", "how-do-i",
  "my connector needs a database driver that isn't pip installable (ODBC driver). how do I get it into the Fivetran runtime?",
  "example: common_patterns/importing_external_drivers; docs pre-installed DB drivers",
  [fact("Some drivers are pre-installed in the runtime: msodbcsql17/msodbcsql18 for SQL Server and libpq5/libpq-dev for psycopg.",
        ["msodbcsql", "libpq"],
        g=[r"msodbcsql1[78]"], d=["runtime"]),
   fact("Other drivers go in a drivers/ folder of the project with an installation.sh script that installs them; without installation.sh the deploy fails.",
        ["installation.sh", "drivers"],
        g=[r"installation\.sh"], only=r"importing_external_drivers|README\.md$",
        f=["connector_sdk:examples/common_patterns/importing_external_drivers/drivers/installation.sh"], s=["sdk:Connector.deploy"]),
   ])

q("requirements", "terse",
  "which python version runs my conector in prod and can I choose it",
  "cli help for `fivetran deploy`",
  [fact("Choose it at deploy time with --python-version (or --python); supported versions are 3.10, 3.11, 3.12, 3.13 and 3.14.",
        ["--python-version", "--python"],
        c=["cli:deploy"], d=["runtime"]),
   fact("If you don't pass it, fivetran-connector-sdk 3.0.0 deploys with Python 3.14.",
        ["3.14"],
        c=["cli:deploy"]),
   ])

q("requirements", "why",
  "why do I even need requirements.txt if I pip installed everything in my venv already and fivetran debug works?",
  "docs: Managing Project Dependencies",
  [fact("Fivetran runs the connector in its own isolated runtime that installs only the libraries listed in requirements.txt (plus the pre-installed ones); your local venv is not uploaded.",
        ["isolated", "own environment", "only installs", "installs the libraries listed", "installs what", "installs only"],
        d=["runtime", "deps"]),
   fact("requirements.txt must be in the root of the project next to connector.py.",
        ["root"],
        d=["deps"]),
   ])

q("requirements", "how-do-i",
  "can I install a package straight from a github repo (not on pypi) in requirements.txt?",
  "docs: Managing Project Dependencies (PyPI and Git sources)",
  [fact("Yes: PyPI and Git sources are supported, e.g. a line like git+https://github.com/oracle/python-oracledb.git@main#egg=oracledb.",
        ["git+https"],
        d=["deps"]),
   fact("Private repositories or authenticated package indexes are also possible; some authentication methods need pyproject.toml.",
        ["private", "pyproject"],
        d=["deps"]),
   ])

q("requirements", "non-native",
  "my connector only use json, datetime and requests. is requirements.txt must exist? fivetran debug make empty file",
  "template_connector/requirements.txt ('This file can be safely removed ...')",
  [fact("No file is needed if the connector only uses the standard library and pre-installed packages like requests.",
        ["not needed", "no need", "don't need", "not required", "can be removed", "optional"],
        g=[r"This file can be safely removed if your connector has no external dependencies", r"no `requirements\.txt` file is needed", r"does not require a `requirements\.txt`"],
        d=["https://fivetran.com/docs/connector-sdk/building-connectors/project-dependencies"]),
   fact("requests is pre-installed, so it must not be listed anyway.",
        ["pre-installed", "preinstalled"],
        g=[r"requests.{0,60}pre-installed|pre-installed.{0,60}requests"], d=["runtime"]),
   ])

# =====================================================================================================================
# logging
# =====================================================================================================================
q("logging", "terse",
  "log levels available in Logging (3.0.0)?",
  "docs: Connector SDK Logging (Python log levels); introspection of Logging",
  [fact("Logging has debug, info, warning, error and critical (Python-style levels).",
        ["log.debug", "log.critical", "critical"],
        d=["logs_new"], s=["sdk:Logging.debug", "sdk:Logging.error", "sdk:Logging.critical"]),
   fact("log.fine and log.severe still exist but are deprecated: use log.debug instead of fine, and log.error or log.critical instead of severe.",
        ["deprecated"],
        d=["logs_new"], s=["sdk:Logging.fine", "sdk:Logging.severe"]),
   fact("Import it as `from fivetran_connector_sdk import Logging as log`.",
        ["Logging as log"],
        g=[r"from fivetran_connector_sdk import Logging as log"], only=r"template_connector/connector\.py$", d=["logs_old", "logs_new"]),
   ])

q("logging", "why",
  "Copilot reviewed my PR and said: \"`log.severe()` is not a supported logging method in the Connector SDK and can raise AttributeError at runtime (use `log.error()`)\". "
  "Is that true? half our connectors use log.severe",
  "GitHub PR review comment: https://github.com/fivetran/connector_sdk/pull/573",
  [fact("log.severe still exists in 3.0.0 and works (it logs at SEVERE level); it does not raise AttributeError.",
        ["still exist", "still work", "works", "does not raise", "doesn't raise", "no attributeerror", "not true", "exists"],
        s=["sdk:Logging.severe"], d=["logs_new"]),
   fact("It is deprecated: calling it emits a DeprecationWarning, and new code should use log.error() or log.critical().",
        ["deprecat"],
        s=["sdk:Logging.severe"], d=["logs_new"]),
   ])

q("logging", "why",
  "the AGENTS.md in all_things_ai says `log.error()` does NOT exist in the Fivetran SDK, but the logging docs tell me to use log.error. which one is right?",
  "contradiction in connector_sdk/all_things_ai/ai_agents/AGENTS.md (LOGGING section)",
  [fact("log.error exists in fivetran-connector-sdk 3.0.0: Logging.error(message, exception=None).",
        ["exists", "does exist", "log.error("],
        s=["sdk:Logging.error"], d=["logs_new"],
        g=[r"log\.error\(\"Failed", r"\| ERROR \| `?log\.error"]),
   fact("log.error can take an exception as second argument; its traceback is appended to the message.",
        ["exception", "traceback", "second argument"],
        s=["sdk:Logging.error"], d=["logs_new"]),
   ])

q("logging", "why",
  "why don't my log.debug() messages show up in the Fivetran dashboard logs after deploying? they print fine with fivetran debug",
  "docs: Connector SDK Logging (DEBUG: only emitted during fivetran debug; silent in production)",
  [fact("log.debug messages are only emitted during local debugging (fivetran debug); they are silent in production.",
        ["only during", "only in debug", "only locally", "only emitted", "silent in production", "not in production", "not emitted in production", "not shown in production", "only shown"],
        g=[r"only visible during debug mode"], s=["sdk:Logging.debug"], d=["logs_new"]),
   fact("Use log.info (or warning/error) for messages you need to see in production.",
        ["log.info"],
        d=["logs_new", "logs_old"]),
   ])

q("logging", "error-paste",
  "```\nError: failed while executing update() error: Logging.info() takes 1 positional argument but 2 were given\n```\nline is `log.info(\"rows fetched:\", len(rows))`",
  "SDK behaviour (Logging.info signature); docs 'Logging methods except severe accept only one argument'",
  [fact("log.info, log.warning and log.debug take a single message string; build it with an f-string: log.info(f\"rows fetched: {len(rows)}\").",
        ["f\"", "f-string", "single", "one argument"],
        s=["sdk:Logging.info"], d=["logs_old"]),
   fact("Only log.error, log.critical (and deprecated log.severe) accept a second argument, and it must be an exception.",
        ["exception", "log.error"],
        s=["sdk:Logging.error", "sdk:Logging.critical"], d=["logs_old", "logs_new"]),
   ])

q("logging", "how-do-i",
  "how do I log an exception with its stack trace without failing the sync?",
  "docs: Connector SDK Logging, Exception handling",
  [fact("Catch it and call log.error(\"message\", e) (or log.critical): the exception's traceback is appended to the logged message.",
        ["log.error", "log.critical", "log.severe"],
        g=[r"log\.(error|severe|critical)\([^)]*, e\)"], s=["sdk:Logging.error", "sdk:Logging.critical"], d=["logs_new", "logs_old"]),
   fact("Only swallow the exception when it doesn't affect the sync critically; otherwise re-raise so the sync fails.",
        ["raise", "re-raise", "critical"],
        d=["logs_old", "errors"]),
   ])

q("logging", "chatty",
  "We have a connector processing ~50k records per sync and a junior added log.info(f\"processing {record_id}\") inside the loop. "
  "Now some log lines seem to be missing in the dashboard. Is there some limit on logging? what's the recommended practice?",
  "docs: Connector SDK Logging notes (INFO logs limited to 1500/min)",
  [fact("INFO logs are rate-limited to 1500 per minute; messages over the limit are dropped.",
        ["1500", "1,500"],
        d=["logs_old"]),
   fact("Avoid logging per record; log progress per page/batch or summaries (e.g. a count every N records).",
        ["per record", "each record", "every record", "batch", "summar"],
        g=[r"Do not log excessively"], d=["logs_old"]),
   ])

q("logging", "how-do-i",
  "where can I see the logs of my deployed connector?",
  "FAQ.md: How can I view the logs for my connector?",
  [fact("In the Fivetran dashboard, on the Connector SDK logs tab of the connection details page.",
        ["connector sdk logs", "dashboard"],
        f=["connector_sdk:FAQ.md"]),
   fact("Logs are also available through the Fivetran Platform Connector or external log services.",
        ["platform connector", "external log"],
        f=["connector_sdk:FAQ.md"]),
   ])

q("logging", "comparison",
  "op.warning vs log.warning? both exist in 3.0.0 it seems",
  "introspection of fivetran-connector-sdk 3.0.0 (Operations.warning, Logging.warning)",
  [fact("op.warning(message) reports a non-critical warning to Fivetran that is displayed in the Fivetran dashboard; the sync continues.",
        ["dashboard", "continue"],
        s=["sdk:Operations.warning"]),
   fact("log.warning(message) only writes a WARNING-level line to the connector logs.",
        ["only logs", "only writes", "just logs", "just writes", "log line", "log message", "connector logs", "only in the logs"],
        s=["sdk:Logging.warning"], d=["logs_old", "logs_new"]),
   fact("op.warning needs a non-empty string message (ValueError / TypeError otherwise); the local runner shows the first 10 warnings of a sync, as the dashboard does.",
        ["non-empty", "10", "ten"],
        s=["sdk:Operations.warning", "sdk:Connector.debug"]),
   ])

q("logging", "how-do-i",
  "running connector.debug() from my IDE is super noisy. how do I hide DEBUG lines locally?",
  "introspection: Connector.debug(log_level=Logging.Level.DEBUG)",
  [fact("connector.debug() takes a log_level argument (default Logging.Level.DEBUG); pass e.g. connector.debug(log_level=Logging.Level.INFO).",
        ["log_level", "Level.INFO"],
        s=["sdk:Connector.debug", "sdk:Logging.Level"]),
   fact("The levels in order are DEBUG, FINE, INFO, WARNING, ERROR, SEVERE, CRITICAL; messages below the chosen level are not printed.",
        ["below", "above", "lower", "higher"],
        s=["sdk:Logging.Level"]),
   ])

# =====================================================================================================================
# errors / exceptions / retries
# =====================================================================================================================
q("errors", "how-do-i",
  "what's the right way to make a sync fail on purpose, e.g. when the API returns data we can't trust?",
  "docs: Connector SDK Logging - Exception handling; docs Error Handling",
  [fact("Raise an exception (e.g. raise RuntimeError(\"...\")) from update(): an unhandled exception fails the sync and the error shows in the Fivetran dashboard.",
        ["raise", "RuntimeError"],
        g=[r"raise RuntimeError\(f\"Failed to sync data"], d=["logs_old", "errors"], s=["sdk:Connector"]),
   fact("Don't use exit() / sys.exit() to stop the connector: it can hang; the SDK warns about it.",
        ["exit"],
        d=["logs_old"], s=["sdk:Connector.debug"]),
   fact("In 3.0.0 op.error(message, trace=None) is another way: it reports the error to Fivetran and ends the sync immediately.",
        ["op.error"],
        s=["sdk:Operations.error"]),
   ])

q("errors", "error-paste",
  "fivetran debug prints this before running, what's the problem, my code only does `sys.exit(1)` when api_key is missing:\n"
  "```\nWARNING ⚡ sdk avoid using sys.exit() to exit from python code\nthis may cause the connector to hang\nraise an error instead at: connector.py:7\n```",
  "SDK warning string (connector_helper._warn_exit_usage)",
  [fact("Calling sys.exit()/exit()/os._exit() inside a connector can make it hang, so the SDK warns when it finds one in connector.py.",
        ["hang", "stuck"],
        d=["logs_old"], s=["sdk:Connector.debug"]),
   fact("Raise an exception instead, e.g. raise ValueError(\"Missing required configuration value: api_key\").",
        ["raise"],
        g=[r"raise ValueError\(f?\"Missing required configuration"], d=["logs_old"]),
   ])

q("errors", "chatty",
  "I see 3.0.0 added op.error(message, trace). How is it different from just raising? We have a broad `try/except Exception` around the whole body of update() that logs and continues, "
  "will that swallow op.error too?",
  "introspection of fivetran-connector-sdk 3.0.0 (Operations.error); verified with fivetran debug (verify/out/op_error_swallowed.txt)",
  [fact("op.error reports the error with your message (and optional trace string) to Fivetran, shows it in the dashboard and terminates the sync.",
        ["terminat", "ends the sync", "stops the sync", "fails the sync"],
        s=["sdk:Operations.error"]),
   fact("It cannot be swallowed by `except Exception`: the sync stops right there (the signal it raises is not an Exception subclass).",
        ["not an exception", "BaseException", "cannot be caught", "can't be caught", "not be swallowed", "cannot be swallowed", "won't be swallowed"],
        s=["sdk:Operations.error"]),
   fact("message must be a non-empty string and trace a string or None (ValueError / TypeError otherwise).",
        ["non-empty", "empty string", "must be a string"],
        s=["sdk:Operations.error"]),
   ])

q("errors", "how-do-i",
  "how do i add retries for flaky http calls? does the sdk retry requests for me?",
  "example: common_patterns/backoff; template_connector guidelines",
  [fact("The SDK does not retry your source requests; add retry logic in your code around the API calls.",
        ["your code", "yourself", "doesn't retry", "does not retry", "not retry"],
        g=[r"Add retry for API requests"], only=r"template_connector"),
   fact("Use exponential backoff (optionally with a cap and jitter) and a maximum number of attempts, then raise if it still fails.",
        ["exponential"],
        g=[r"exponential backoff"], only=r"(README\.md|template_connector/connector\.py)$", d=["errors"]),
   fact("Retry only errors that are likely temporary (timeouts, 5xx, 429); errors that won't fix themselves, such as bad credentials, should fail the sync.",
        ["transient", "temporary"],
        d=["errors"]),
   ])

q("errors", "how-do-i",
  "API returns 429 Too Many Requests sometimes with a Retry-After header. how to handle in connector?",
  "example: common_patterns/backoff (retry_after strategy)",
  [fact("Honor the Retry-After header: sleep for the number of seconds it gives, then retry the request.",
        ["Retry-After"],
        g=[r"Retry-After"]),
   fact("If there is no Retry-After header, fall back to (capped) exponential backoff.",
        ["exponential", "backoff"],
        g=[r"falls back to capped exponential backoff", r"exponential backoff"], only=r"backoff/"),
   fact("Give up after a maximum number of retries and raise, so the sync fails instead of looping forever.",
        ["max", "raise"],
        g=[r"max(imum)?[_ ]retries|MAX_RETRIES|__MAX_RETRIES"], only=r"backoff/"),
   ])

q("errors", "error-paste",
  "```\nSEVERE ⚡ sdk SYNC FAILED — elapsed 00:00:03.120\n...\nError: failed while executing update() error: 401 Client Error: Unauthorized for url: https://api.example.com/v1/users\n...\ncrash report saved to /home/me/conn/crash-reports/crash_20261129-190557.log\n```\nwhat is this crash report thing and what do I look at",
  "SDK messages (Connector.run_update failure, crash report); verified with fivetran debug (verify/out/raise_runtime.txt)",
  [fact("'failed while executing update() error: ...' means an exception escaped update(); the text after it is the exception (here an HTTP 401 from requests, i.e. bad credentials) and the traceback follows.",
        ["401", "credential", "unauthorized", "api key", "api_key"],
        s=["sdk:Connector"]),
   fact("fivetran debug saves a crash report for the failure in the project's crash-reports/ folder to help diagnose it.",
        ["crash-reports", "crash report"],
        s=["sdk:Connector.debug"]),
   fact("The sync failed, so data sent after the last checkpoint is not committed and the state stays at the last checkpoint.",
        ["last checkpoint"],
        s=["sdk:Operations.checkpoint"]),
   ])

q("errors", "why",
  "why does my sync still fail when I wrap op.upsert in try/except and log the error? I wanted to skip the bad record (it had a null id)",
  "verified with fivetran debug (verify/out/caught_op_failure.txt)",
  [fact("In 3.0.0 the first error raised by an operation fails the sync even if your code catches it; later operations and the end of update() raise it again.",
        ["even if", "caught", "still fail"],
        s=["sdk:Operations.upsert"]),
   fact("Validate records before sending them (e.g. skip rows whose primary key is None) instead of catching the SDK's error.",
        ["skip", "validate", "filter", "before calling", "before sending", "before upsert"],
        s=["sdk:Operations.upsert"]),
   ])

q("errors", "error-paste",
  "```\nError: failed while executing update() error: update() got an unexpected keyword argument 'configuration'\n```\nmy function is `def update(config, st):`",
  "SDK behaviour (Connector.run_update calls update_method(configuration=..., state=...)); verified with fivetran debug",
  [fact("The SDK calls update() with keyword arguments configuration= and state=, so the parameters must be named exactly `configuration` and `state`.",
        ["keyword", "named configuration", "name them configuration", "`configuration` and `state`", "configuration and state"],
        d=["methods"], s=["sdk:Connector"]),
   fact("Use the signature def update(configuration: dict, state: dict):",
        ["def update(configuration"],
        g=[r"def update\(configuration: dict, state: dict\)"], d=["methods"]),
   ])

q("errors", "comparison",
  "retry vs skip vs fail — how do I decide what my connector should do when something goes wrong mid-sync?",
  "docs: Error Handling (three response patterns)",
  [fact("Retry errors that are likely temporary (e.g. timeouts, rate limits) within the same sync.",
        ["retry"],
        d=["errors"]),
   fact("Warn, log and continue when the sync can still deliver useful partial data; log clearly what was skipped.",
        ["skip", "warn", "continue"],
        d=["errors"]),
   fact("Fail the sync when continuing would deliver data with critical integrity issues.",
        ["fail the sync", "integrity", "fail fast", "raise"],
        d=["errors"]),
   ])

q("errors", "error-paste",
  "```\nError: failed while executing schema() error: 'api_key'\nTraceback (most recent call last):\n    response = self.schema_method(configuration)\nKeyError: the message is above\n```",
  "SDK message (Connector.get_schema failure); verified with fivetran debug (verify/out/schema_raises.txt)",
  [fact("schema() raised a KeyError: it read configuration[\"api_key\"] but that key is not in the configuration passed to it.",
        ["KeyError", "missing", "not in the configuration"],
        s=["sdk:Connector"]),
   fact("Check configuration.json has the key (string value) and validate required keys up front, raising a clear ValueError (see validate_configuration in the template).",
        ["validate", "check that", "ValueError"],
        g=[r"def validate_configuration\("]),
   ])
