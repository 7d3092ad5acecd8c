#!/usr/bin/env python3
"""Builds questions.json for the blind evaluation set "questions_b".

Source lists for repository facts are partly literal paths and partly expanded from
case-insensitive literal greps over the work-tree clones in /work/checkouts, so that
every file that states a fact is listed (see README.md). Run:  venv/bin/python build.py
"""
import json
import os
import random

CHECKOUTS = {
    "connector_sdk": "/work/checkouts/connector_sdk",
    "community_connectors": "/work/checkouts/community_connectors",
}
HERE = os.path.dirname(os.path.abspath(__file__))
SKIP_EXT = (".png", ".jpg", ".jpeg", ".gif", ".db", ".pdf", ".zip", ".pyc")

_FILES = {}


def _files(repo):
    if repo not in _FILES:
        root = CHECKOUTS[repo]
        out = []
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = [d for d in dirnames if d != ".git"]
            for name in filenames:
                if name.lower().endswith(SKIP_EXT):
                    continue
                full = os.path.join(dirpath, name)
                try:
                    with open(full, encoding="utf-8", errors="ignore") as f:
                        text = f.read()
                except OSError:
                    continue
                out.append((os.path.relpath(full, root), text.lower()))
        _FILES[repo] = sorted(out)
    return _FILES[repo]


def G(pattern, repo="both", under=None, ext=None, exclude=None, all_of=None):
    """Every file (as a source id) containing `pattern` (case-insensitive literal).
    under: path prefix filter; ext: filename suffix filter; exclude: path substrings to skip;
    all_of: extra literals that must also be present in the same file."""
    repos = ["connector_sdk", "community_connectors"] if repo == "both" else [repo]
    res = []
    for r in repos:
        for rel, text in _files(r):
            if under and not rel.startswith(under):
                continue
            if ext and not rel.endswith(ext):
                continue
            if exclude and any(x in rel for x in exclude):
                continue
            if pattern.lower() not in text:
                continue
            if all_of and not all(a.lower() in text for a in all_of):
                continue
            res.append(f"{r}:{rel}")
    if not res:
        raise SystemExit(f"grep found nothing for {pattern!r} ({repo}, {under}, {ext})")
    return res


def CS(*paths):
    return [f"connector_sdk:{p}" for p in paths]


def CC(*paths):
    return [f"community_connectors:{p}" for p in paths]


def D(*urls):
    return [f"docs:{u}" for u in urls]


# ---- docs pages found with the search tool (corpora "docs" and "pages") ----
D_CMD1 = "https://fivetran.com/docs/connector-sdk/getting-started/connector-sdk-commands"
D_CMD2 = "https://fivetran.com/docs/connector-sdk/technical-reference/connector-sdk-commands"
D_CMD3 = "https://beta.fivetran.com/docs/connector-sdk/connector-development-and-configuration/connector-sdk-commands"
D_TEST = "https://fivetran.com/docs/connector-sdk/connector-development-and-configuration/testing-connectors"
D_TEST_BETA = "https://beta.fivetran.com/docs/connector-sdk/connector-development-and-configuration/testing-connectors"
D_LOCAL = "https://fivetran.com/docs/connector-sdk/testing/local-testing"
D_TESTING = "https://fivetran.com/docs/connector-sdk/testing"
D_STATE = "https://fivetran.com/docs/connector-sdk/connector-development-and-configuration/state-management"
D_TECHREF = "https://fivetran.com/docs/connector-sdk/technical-reference"
D_TECHREF_OLD = "https://fivetran.com/docs/connectors/connector-sdk/technical-reference"
D_DETAILED = "https://fivetran.com/docs/connectors/connector-sdk/detailed-guide"
D_DETAILED_BETA = "https://beta.fivetran.com/docs/connectors/connector-sdk/detailed-guide"
D_WORKING_OLD = "https://fivetran.com/docs/connectors/connector-sdk/working-with-connector-sdk"
D_WORKING = "https://fivetran.com/docs/connector-sdk/working-with-connector-sdk"
D_SDK_LANDING = "https://fivetran.com/docs/connectors/connector-sdk"
D_SETUP = "https://fivetran.com/docs/connectors/connector-sdk/setup-guide"
D_INSTALL = "https://fivetran.com/docs/connector-sdk/getting-started/how-to-install-connector-sdk"
D_DEPS_OLD = "https://fivetran.com/docs/connector-sdk/connector-development-and-configuration/project-dependencies"
D_DEPS = "https://fivetran.com/docs/connector-sdk/building-connectors/project-dependencies"
D_STRUCT1 = "https://fivetran.com/docs/connector-sdk/building-connectors/connector-sdk-project-structure"
D_STRUCT2 = "https://fivetran.com/docs/connector-sdk/technical-reference/connector-sdk-project-structure"
D_CONFIG = "https://fivetran.com/docs/connector-sdk/connector-development-and-configuration/configuration-json"
D_CONFIG_BETA = "https://beta.fivetran.com/docs/connector-sdk/connector-development-and-configuration/configuration-json"
D_FORM = "https://fivetran.com/docs/connector-sdk/technical-reference/connector-sdk-setup-form"
D_FORM2 = "https://fivetran.com/docs/connector-sdk/building-connectors/connector-sdk-setup-form"
D_FORM_DASH = "https://fivetran.com/docs/connector-sdk/deploying-connectors/create-connection-via-setup-form"
D_FILES = "https://fivetran.com/docs/connector-sdk/technical-reference/connector-sdk-file-uploads"
D_OPTIONS = "https://fivetran.com/docs/connector-sdk/technical-reference/options-file"
D_RUN1 = "https://fivetran.com/docs/connector-sdk/testing/write-to-iceberg-catalog"
D_RUN2 = "https://fivetran.com/docs/connector-sdk/testing/local-testing/write-to-iceberg-catalog"
D_CORE = "https://fivetran.com/docs/connector-sdk/technical-reference/connector-sdk-core"
D_CORE_CL = "https://fivetran.com/docs/connector-sdk/technical-reference/connector-sdk-core/changelog"
D_PYPI_CORE = "https://pypi.org/project/fivetran-connector-sdk-core/"
D_ENV = "https://fivetran.com/docs/connector-sdk/connector-development-and-configuration/environment-variables"
D_ENV_BETA = "https://beta.fivetran.com/docs/connector-sdk/tutorials/using-environment-variables"
D_AI = "https://fivetran.com/docs/connector-sdk/connector-development-and-configuration/ai-tools"
D_TEMPLATE = "https://fivetran.com/docs/connector-sdk/tutorials/build-from-template"
D_CLAUDE_TUT = "https://fivetran.com/docs/connector-sdk/tutorials/build-connector-with-claude"
D_TUTS = "https://fivetran.com/docs/connector-sdk/tutorials"
D_CONNOPT = "https://beta.fivetran.com/docs/connector-sdk/connection-options"
D_LOGS = "https://www.fivetran.com/docs/connector-sdk/technical-reference/connector-sdk-code/connector-sdk-logs"
D_LOGS_OLD = "https://fivetran.com/docs/connector-sdk/technical-reference/connector-sdk-code/connector-sdk-logs"
D_LOGSNOT = "https://fivetran.com/docs/connector-sdk/troubleshooting/logs-not-showing-up"
D_LOGSNOT_OLD = "https://fivetran.com/docs/connectors/connector-sdk/troubleshooting/logs-not-showing-up"
D_FT_LOGS = "https://fivetran.com/docs/logs"
D_MAY26 = "https://fivetran.com/docs/changelog/2026/may-2026"
D_MAR26 = "https://fivetran.com/docs/changelog/2026/march-2026"
D_SEP25 = "https://fivetran.com/docs/changelog/2025/september-2025"
D_SDK_CL = "https://fivetran.com/docs/connector-sdk/changelog"
D_REQDECL = "https://fivetran.com/docs/connector-sdk/technical-reference/connector-sdk-code/connector-sdk-required-declarations"
D_MEM = "https://fivetran.com/docs/connector-sdk/connector-development-and-configuration/connector-memory-management"
D_RESCHED = "https://fivetran.com/docs/connector-sdk/troubleshooting/rescheduled-syncs"
D_DEPLOY = "https://fivetran.com/docs/connector-sdk/deploying-connectors"
D_PKGAPI = "https://fivetran.com/docs/rest-api/api-reference/connector-sdk"
D_PKGAPI_BETA = "https://beta.fivetran.com/docs/rest-api/api-reference/connector-sdk"
D_PKGAPI_DEV = "https://fivetran.com/docs/developer-resources/rest-api/api-reference/connector-sdk"
D_MANAGE_PKG = "https://fivetran.com/docs/connector-sdk/deploying-connectors/managing-connector-packages"
D_AUTH = "https://beta.fivetran.com/docs/connector-sdk/connector-sdk-concepts/authentication"
D_PAGIN = "https://fivetran.com/docs/connector-sdk/connector-sdk-concepts/pagination"
D_BP1 = "https://fivetran.com/docs/connectors/connector-sdk/best-practices"
D_BP2 = "https://beta.fivetran.com/docs/connectors/connector-sdk/best-practices"
D_EXAMPLES = "https://fivetran.com/docs/connector-sdk/examples"
D_BEGINNER_BETA = "https://beta.fivetran.com/docs/connector-sdk/tutorials/beginners-tutorial"

# helpers for example folders
EX = "examples/common_patterns/"
QS = "examples/quickstart/"


def ex(folder, *files):
    files = files or ("README.md", "connector.py")
    return CS(*[f"{folder}/{f}" for f in files])


Q = []


def q(category, style, question, origin, facts):
    Q.append({"category": category, "style": style, "question": question, "origin": origin, "facts": facts})


def F(fact, any_, sources):
    # de-duplicate while preserving order
    seen, srcs = set(), []
    for s in sources:
        if s not in seen:
            seen.add(s)
            srcs.append(s)
    return {"fact": fact, "any": any_, "sources": srcs}


# =====================================================================================
# CLI
# =====================================================================================
q("cli", "terse",
  "fivetran reset skip the y/n confirmation in a CI script",
  "common mistake: older CI scripts pass -f/--force, which the SDK 3.0.0 CLI hides and prints as deprecated; help lists --yes/--non-interactive",
  [F("`fivetran reset` takes `--yes` (answer yes to every prompt) or `--non-interactive` (accept the default answer, which for reset is yes)",
     ["--yes", "--non-interactive"],
     ["cli:reset"] + D(D_CMD1, D_CMD3)),
   F("reset deletes the local debug output: files/state.json and files/warehouse.db",
     ["warehouse.db", "state.json"],
     ["cli:reset"] + D(D_TEST, D_TEST_BETA) + G("fivetran reset", "connector_sdk"))])

q("cli", "error-paste",
  "Running `fivetran deploy --api-key $FT_KEY --destination prod_snowflake --connection jira_issues` and it dies with:\n"
  "```\nSEVERE ⚡ sdk request failed error: 401\n      ensure you're using a valid base64-encoded API key\n```\n"
  "I pasted the key exactly as shown in the dashboard. What does it actually want?",
  "https://github.com/fivetran/connector_sdk/issues/547",
  [F("--api-key must be the base64-encoded `{api_key}:{api_secret}` pair, not the raw key",
     ["api_secret", "key:secret", "key and secret", "key and the secret", "secret"],
     ["cli:deploy", "cli:package create"] + D(D_DEPLOY, D_CMD1, D_CMD2, D_CMD3, D_CLAUDE_TUT, D_BEGINNER_BETA)
     + CS("examples/common_patterns/update_configuration_during_sync/configuration.json",
          "examples/common_patterns/update_configuration_during_sync/README.md")),
   F("the key can also be supplied through the FIVETRAN_API_KEY environment variable instead of the flag",
     ["FIVETRAN_API_KEY"],
     D(D_ENV, D_ENV_BETA, D_CLAUDE_TUT)
     + CS("examples/workflows/github/deploy_hello_connector.yml", "examples/workflows/github/README.md"))])

q("cli", "how-do-i",
  "How do I pick the Python version my connector runs on in Fivetran? My code needs 3.12 features.",
  "docs: https://fivetran.com/docs/connector-sdk/technical-reference (Python version support)",
  [F("pass `--python-version` (alias `--python`) to `fivetran deploy`",
     ["--python-version", "--python "],
     ["cli:deploy"] + D(D_CMD1, D_CMD2, D_CMD3, D_TECHREF, D_DETAILED)
     + CS("examples/workflows/github/deploy_hello_connector.yml", "examples/ai/claude/CLAUDE.md")),
   F("supported runtime versions are 3.10, 3.11, 3.12, 3.13 and 3.14",
     ["3.10"],
     ["cli:deploy"] + D(D_TECHREF, D_SETUP, D_DETAILED, "https://pypi.org/project/fivetran-connector-sdk/3.0.0/")
     + CS("README.md") + G("3.10.18", "connector_sdk")),
   F("when the flag is omitted the installed 3.0.0 CLI uses 3.14 (the latest supported version); the 'defaults to 3.13' comment in the GitHub workflow example and the March 2026 changelog (2.7.0 made 3.13 the default) are outdated for 3.0.0",
     ["3.14"],
     ["cli:deploy"] + D(D_TECHREF, D_DETAILED))])

q("cli", "chatty",
  "So `fivetran init` gave me a starter project, but next time I want to start from one of the pagination examples in the connector_sdk repo, "
  "and for another project from a community connector. How does `--template` figure out which repo it pulls from? Do I have to git clone anything first?",
  "docs: https://fivetran.com/docs/connector-sdk/tutorials/build-from-template",
  [F("a template path without a prefix is looked up in fivetran/community_connectors (the default is the starter `_template_connector`), e.g. `fivetran init --template clickhouse`",
     ["community_connectors", "_template_connector"],
     ["cli:init"] + D(D_TEMPLATE) + G("fivetran init --template", "community_connectors", ext="README_template.md")
     + G("fivetran init --template", "community_connectors", ext="README.md", exclude=["_template_connector"])),
   F("paths starting with `examples/` come from fivetran/connector_sdk, e.g. `fivetran init my-proj --template examples/common_patterns/pagination/next_page_url`",
     ["--template examples/"],
     ["cli:init"] + D(D_TEMPLATE) + G("--template examples/", "connector_sdk")),
   F("init downloads the files from GitHub itself; no clone is needed and the project path is optional (defaults to the current directory)",
     ["current directory", "no need to clone", "don't need to clone", "downloads"],
     ["cli:init"] + D(D_TEMPLATE))])

q("cli", "error-paste",
  "Redeployed with `--naming SOURCE` because I want my original column casing, but the deploy log says\n"
  "`ignored --naming flag; naming strategy cannot be changed after connection creation`\n"
  "Is there any way to flip an existing connection?",
  "docs: https://beta.fivetran.com/docs/connector-sdk/connector-development-and-configuration/connector-sdk-commands (--naming)",
  [F("--naming (FIVETRAN or SOURCE, default FIVETRAN) is only applied when the connection is created; for an existing connection it is ignored, so deploy a new connection to change it",
     ["new connection", "different connection name", "create a new", "recreate", "delete"],
     ["cli:deploy", "cli:debug"] + D(D_CMD3)),
   F("SOURCE keeps the original schema/table/column names; FIVETRAN standardizes them (lowercase, special characters to underscores)",
     ["lowercase", "preserve", "original names"],
     D(D_CMD3)),
   F("the naming strategy can also be set with the FIVETRAN_NAMING environment variable",
     ["FIVETRAN_NAMING"],
     D(D_CMD3))])

q("cli", "comparison",
  "fivetran debug vs fivetran run - whats the difference, both run locally??",
  "docs: https://fivetran.com/docs/connector-sdk/testing/write-to-iceberg-catalog",
  [F("`fivetran debug` writes the emitted data to the local DuckDB file files/warehouse.db",
     ["warehouse.db"],
     ["sdk:Connector.debug"] + D(D_RUN1, D_RUN2, D_CORE, D_PYPI_CORE, D_TEST, D_TEST_BETA, D_LOCAL) + CS("FAQ.md")),
   F("`fivetran run` writes to an Apache Iceberg REST catalog described in destination.json (override with --destination-file)",
     ["Iceberg"],
     ["cli:run", "cli:help", "sdk:Connector.run"] + D(D_RUN1, D_RUN2, D_CORE, D_PYPI_CORE, D_CORE_CL)),
   F("both run the connector in-process on your machine with the same options and keep the cursor in files/state.json",
     ["state.json"],
     ["cli:run", "cli:debug"] + D(D_CORE, D_RUN1))])

q("cli", "how-do-i",
  "how do i just build the deployment zip without actually deploying? want to check what gets shipped",
  "docs: https://fivetran.com/docs/rest-api/api-reference/connector-sdk (package command + package API)",
  [F("`fivetran package` packages the project into a zip without deploying (SDK 3.0.0 writes it to files/<project-folder>.zip)",
     ["fivetran package"],
     ["cli:package", "cli:help"] + D(D_PKGAPI, D_PKGAPI_BETA, D_PKGAPI_DEV, D_SDK_CL)),
   F("`fivetran package create`, `package update <package_id>` and `package list` (with --api-key) upload and manage packages through the package-management API",
     ["package create", "package update", "package list"],
     ["cli:package create", "cli:package update", "cli:package list"] + D(D_PKGAPI, D_PKGAPI_BETA, D_MANAGE_PKG)),
   F("configuration.json is not shipped with the code, and files matched by .gitignore are left out of the package",
     [".gitignore", "not included", "excluded"],
     D(D_STRUCT1, D_CONFIG, D_CONFIG_BETA))])

q("cli", "non-native",
  "how i can see which version of fivetran sdk i have install? and how to upgrade to newest one",
  "docs: https://fivetran.com/docs/connector-sdk/getting-started/how-to-install-connector-sdk (Upgrade your Connector SDK package)",
  [F("`fivetran version` (or `fivetran --version`) prints the installed version, e.g. `fivetran_connector_sdk 3.0.0`",
     ["fivetran version", "--version"],
     ["cli:version", "cli:help"]),
   F("upgrade with pip: `pip install --upgrade fivetran-connector-sdk` (the CLI also warns when a newer release is on PyPI)",
     ["--upgrade", "install -U"],
     D(D_INSTALL, D_BP1, D_BP2))])

q("cli", "why",
  "why does `fivetran debug` refuse to run my connector that has no settings at all? It prints\n"
  "`configuration is required; provide it via the --configuration flag, the FIVETRAN_CONFIGURATION environment variable, or by placing configuration.json in the project folder.`\n"
  "it worked before I upgraded.",
  "common mistake: SDK 3.0.0 requires a configuration for debug/run/deploy even when the connector reads none",
  [F("in SDK 3.0.0 a configuration must always be provided; for a connector without settings pass an empty configuration.json (`{}`)",
     ["{}", "empty configuration", "empty json"],
     ["cli:debug"] + D(D_CMD1)),
   F("the file must hold a JSON object of key/value pairs, so `{}` is a valid configuration",
     ["JSON object", "key-value", "key/value"],
     D(D_CONFIG, D_CONFIG_BETA))])

# =====================================================================================
# PROJECT LAYOUT & LOCAL OUTPUT
# =====================================================================================
q("project_layout", "how-do-i",
  "whats the bare minimum project layout for a connector? which files does fivetran actually look for",
  "docs: https://fivetran.com/docs/connector-sdk/building-connectors/connector-sdk-project-structure",
  [F("connector.py in the project root, declaring `connector = Connector(update=update, schema=schema)` (schema is optional)",
     ["connector.py"],
     ["sdk:Connector"] + D(D_STRUCT1, D_STRUCT2, D_REQDECL)
     + CS("template_connector/connector.py") + CC("_template_connector/connector.py")),
   F("requirements.txt (or pyproject.toml) in the root, only needed for libraries beyond the pre-installed ones",
     ["requirements.txt"],
     D(D_STRUCT1, D_STRUCT2, D_DEPS, D_DEPS_OLD)
     + CS("template_connector/requirements.txt") + CC("_template_connector/requirements.txt")),
   F("configuration.json holds the key/value configuration used when debugging and deploying",
     ["configuration.json"],
     D(D_STRUCT1, D_STRUCT2, D_CONFIG) + CS("template_connector/configuration.json") + CC("_template_connector/configuration.json"))])

q("project_layout", "error-paste",
  "fivetran debug just says\n```\nSEVERE ⚡ sdk Connector object must be named 'connector', but found: 'my_connector'\n"
  "rename it to 'connector' in connector.py\n```\nwhy does the variable name matter??",
  "common mistake: renaming the module-level Connector variable; SDK 3.0.0 looks it up by name",
  [F("the module-level object must be named `connector`, e.g. `connector = Connector(update=update, schema=schema)`, because it is imported by that name",
     ["connector = Connector"],
     ["sdk:Connector"] + D(D_REQDECL) + CS("template_connector/connector.py") + CC("_template_connector/connector.py")),
   F("if you only implement update(), `connector = Connector(update=update)` is enough; schema is optional",
     ["Connector(update=update)"],
     D(D_REQDECL) + ["sdk:Connector"])])

q("project_layout", "terse",
  "where does fivetran debug write warehouse.db and state.json",
  "FAQ: How do I test my connector locally? (connector_sdk FAQ.md)",
  [F("the DuckDB output is <project>/files/warehouse.db",
     ["files/warehouse.db"],
     ["sdk:Connector.debug"] + D(D_TEST, D_TEST_BETA, D_LOCAL, D_CORE, D_PYPI_CORE, D_RUN1)
     + G("files/warehouse.db", "connector_sdk")),
   F("state is kept in <project>/files/state.json unless --state points at another file",
     ["files/state.json"],
     ["cli:debug", "sdk:Connector.debug"] + D(D_CORE) + G("files/state.json", "connector_sdk")
     + CS("examples/ai/claude/pokeapi_tutorial/pokeapi_connector/files/state.json"))])

q("project_layout", "chatty",
  "My connector folder is messy: a local venv, a couple of test scripts, a .env with my Fivetran API key, some sample CSVs and configuration.json with real creds. "
  "When I run fivetran deploy, what actually ends up in the uploaded package? I really don't want secrets in there.",
  "FAQ: How do I handle sensitive information like API keys? (connector_sdk FAQ.md)",
  [F("configuration.json is not stored with the code; its values are sent to Fivetran and stored securely/encrypted as the connection's configuration",
     ["encrypted", "securely", "not stored"],
     D(D_CONFIG, D_CONFIG_BETA) + CS("FAQ.md")),
   F("use .gitignore to keep extra files (test scripts, CSVs) out of the package; hidden files like .env are not deployed",
     [".gitignore"],
     D(D_STRUCT1, D_ENV))])

q("project_layout", "why",
  "can a connector be split into several .py modules and subfolders, or does everything have to live in connector.py?",
  "docs: https://fivetran.com/docs/connector-sdk/examples (multiple_code_files example)",
  [F("yes: examples/quickstart/multiple_code_files_with_sub_directory_structure keeps connector.py as the entry point and imports helpers from a utils/ subfolder",
     ["multiple_code_files"],
     CS("examples/README.md", QS + "multiple_code_files_with_sub_directory_structure/README.md",
        QS + "multiple_code_files_with_sub_directory_structure/connector.py",
        QS + "multiple_code_files_with_sub_directory_structure/utils/timestamp_serializer.py")),
   F("examples/quickstart/oop_example splits the client and each table into separate modules",
     ["oop_example"],
     CS(QS + "oop_example/README.md", QS + "oop_example/connector.py"))])

q("project_layout", "error-paste",
  "put `\"page_size\": 500` and `\"tables\": [\"orders\", \"items\"]` into configuration.json and now get\n"
  "```\ninvalid configuration file; all values must be strings\n```\nhow am i supposed to pass numbers and lists then?",
  "docs: https://fivetran.com/docs/connector-sdk/connector-development-and-configuration/configuration-json (Format of configuration.json)",
  [F("every configuration.json value must be a string: encode numbers and lists as strings (e.g. \"500\", \"orders,items\") and convert them in code",
     ["\"500\"", "comma", "json.loads", "int(", "split("],
     D(D_CONFIG) + G("must be strings", "connector_sdk") + CS("examples/README.md")),
   F("non-secret complex settings can instead live in a separate config.py with native Python types, as in examples/common_patterns/complex_configuration_options (not editable from the dashboard)",
     ["config.py", "complex_configuration_options"],
     CS("examples/README.md") + ex(EX + "complex_configuration_options", "README.md", "connector.py", "config.py"))])

q("project_layout", "why",
  "can I stash an OAuth access token in state between syncs so I dont refresh every time? is state.json encrypted like config is?",
  "FAQ: How do I manage state for incremental syncs? (connector_sdk FAQ.md)",
  [F("don't put sensitive data in state: it is not encrypted",
     ["not encrypted"],
     CS("FAQ.md")),
   F("secrets belong in the configuration; to persist a rotated token, update the connection configuration through the Fivetran REST API as in examples/common_patterns/update_configuration_during_sync",
     ["update_configuration_during_sync", "REST API"],
     CS("examples/README.md") + ex(EX + "update_configuration_during_sync")
     + CS(EX + "authentication/oauth2_with_token_refresh/README.md"))])

q("project_layout", "terse",
  "requirements.txt - do i list fivetran_connector_sdk and requests?",
  "https://github.com/fivetran/community_connectors/pull/10 (pre-installed package note in READMEs) + docs project-dependencies page",
  [F("no: fivetran_connector_sdk and requests are pre-installed and should not be declared",
     ["pre-installed", "preinstalled"],
     D(D_DEPS, D_DEPS_OLD, D_TECHREF, D_DETAILED_BETA, D_WORKING_OLD)
     + G("pre-installed", "both", exclude=[".github/"], all_of=["fivetran_connector_sdk"])),
   F("list only extra libraries, pinned with explicit versions (==); the file can be removed when there are none",
     ["=="],
     CS("template_connector/requirements.txt") + CC("_template_connector/requirements.txt") + D(D_DEPS)),
   F("debug and deploy run pipreqs to compare imports with requirements.txt and report missing or unused libraries",
     ["pipreqs"],
     D(D_SEP25))])

q("project_layout", "error-paste",
  "deploy fails with `installation.sh not found in the drivers directory; this file is required to configure custom drivers` — I only dropped a .deb file into a drivers/ folder",
  "docs: https://fivetran.com/docs/connector-sdk/examples (importing_external_drivers)",
  [F("drivers/installation.sh must be a shell script that installs the driver (the example runs apt-get to install default-libmysqlclient-dev); a bare package file is not picked up",
     ["apt-get", "script", "install command"],
     ex(EX + "importing_external_drivers", "README.md", "drivers/installation.sh")
     + CC("sybase_iq/drivers/installation.sh", "ibm/ibm_informix_using_jaydebeapi/drivers/installation.sh", "ibm/ibm_db2i/drivers/installation.sh")
     + G("installation.sh", "both", exclude=[".github/", "drivers/installation.sh"])),
   F("installation.sh is executed when the connector is deployed, before connector.py runs",
     ["before connector.py", "before your connector", "at deploy time", "during deploy", "when the connector is deployed", "time of deploying"],
     CS("examples/README.md", EX + "importing_external_drivers/README.md")),
   F("see examples/common_patterns/importing_external_drivers (installs libmysqlclient-dev for MySQL)",
     ["importing_external_drivers"],
     CS("examples/README.md") + ex(EX + "importing_external_drivers", "README.md", "connector.py", "drivers/installation.sh"))])

# =====================================================================================
# PAGINATION & INCREMENTAL SYNC
# =====================================================================================
q("pagination_incremental", "terse",
  "next page url pagination example connector sdk",
  "docs: https://fivetran.com/docs/connector-sdk/connector-sdk-concepts/pagination",
  [F("examples/common_patterns/pagination/next_page_url follows the next_page_url from each response",
     ["next_page_url"],
     CS("examples/README.md") + ex(EX + "pagination/next_page_url") + D(D_PAGIN)),
   F("examples/common_patterns/complex_error_handling_multithreading combines next-page-URL pagination with multithreading, retries and a circuit breaker",
     ["complex_error_handling_multithreading"],
     CS("examples/README.md") + ex(EX + "complex_error_handling_multithreading"))])

q("pagination_incremental", "comparison",
  "For a big Postgres table that gets updated constantly, should I paginate with LIMIT/OFFSET or keyset? Are there examples of both?",
  "docs: https://fivetran.com/docs/connector-sdk/connector-sdk-concepts/pagination",
  [F("prefer keyset pagination (WHERE (updated_at, id) > (last_updated_at, last_id), ordered by the same columns) for large or frequently updated tables",
     ["(updated_at, id)", "updated_at, id", "tie-breaker", "tiebreaker"],
     ex(EX + "pagination/database_keyset") + CS(EX + "pagination/database_limit_offset/README.md") + D(D_PAGIN)),
   F("LIMIT/OFFSET suffers row shift (gaps or duplicates when rows change while paging) and gets slower as the offset grows",
     ["row-shift", "row shift", "duplicate", "slower"],
     CS(EX + "pagination/database_limit_offset/README.md")),
   F("examples: examples/common_patterns/pagination/database_keyset and pagination/database_limit_offset",
     ["database_keyset", "database_limit_offset"],
     ex(EX + "pagination/database_keyset") + ex(EX + "pagination/database_limit_offset"))])

q("pagination_incremental", "chatty",
  "The API I'm integrating returns `page`, `per_page` and `total_pages` in every response. Is there a ready-made example that walks the pages and saves progress as it goes?",
  "docs: https://fivetran.com/docs/connector-sdk/connector-sdk-concepts/pagination (page-number strategy)",
  [F("examples/common_patterns/pagination/page_number",
     ["page_number"],
     CS("examples/README.md") + ex(EX + "pagination/page_number") + D(D_PAGIN)),
   F("it checkpoints after each page, using updatedAt as the replication cursor",
     ["checkpoint"],
     CS(EX + "pagination/page_number/README.md"))])

q("pagination_incremental", "how-do-i",
  "initial sync needs ~3 years of history but the API only accepts 30-day date ranges per call. how should i structure the cursor?",
  "docs: https://fivetran.com/docs/connector-sdk/examples (cursors/time_window)",
  [F("examples/common_patterns/cursors/time_window moves the cursor forward in fixed-size day windows from a configured start date until it reaches now",
     ["time_window"],
     CS("examples/README.md") + ex(EX + "cursors/time_window")),
   F("the last synced timestamp is kept in state and checkpointed so the next sync continues from the next window",
     ["checkpoint"],
     CS(EX + "cursors/time_window/README.md") + D(D_STATE))])

q("pagination_incremental", "how-do-i",
  "api has no pagination and no count endpoint, but records have sequential integer ids. how do i sync incrementally?",
  "docs: https://fivetran.com/docs/connector-sdk/examples (incremental_sync_strategies)",
  [F("use the step-size strategy: examples/common_patterns/incremental_sync_strategies/step_size_sync fetches ID ranges in batches",
     ["step_size_sync", "step-size", "step size"],
     CS("examples/README.md", EX + "incremental_sync_strategies/README.md") + ex(EX + "incremental_sync_strategies/step_size_sync")),
   F("the current ID is saved in state so the next sync resumes from it",
     ["current id", "last id", "id in state", "highest id"],
     CS(EX + "incremental_sync_strategies/step_size_sync/README.md", EX + "incremental_sync_strategies/README.md"))])

q("pagination_incremental", "non-native",
  "we read from read-replica which have some replication lag, so rows with timestamp just before my cursor arrive later and i miss them. there is pattern for this?",
  "docs: https://fivetran.com/docs/connector-sdk/examples (incremental_sync_strategies/replay_sync)",
  [F("examples/common_patterns/incremental_sync_strategies/replay_sync: timestamp sync that re-reads a configurable buffer (goes back X hours from the last timestamp)",
     ["replay_sync", "replay"],
     CS("examples/README.md", EX + "incremental_sync_strategies/README.md") + ex(EX + "incremental_sync_strategies/replay_sync")),
   F("the buffer is configurable to match the replica's replication lag",
     ["buffer"],
     CS(EX + "incremental_sync_strategies/replay_sync/README.md"))])

q("pagination_incremental", "how-do-i",
  "companies -> departments, and each company's departments have their own updated_at. how do I keep a separate cursor per parent?",
  "docs: https://fivetran.com/docs/connector-sdk/connector-development-and-configuration/state-management (complex state)",
  [F("examples/common_patterns/cursors/multiple_tables_with_cursors syncs companies incrementally and each company's departments with a per-company cursor",
     ["multiple_tables_with_cursors"],
     CS("examples/README.md") + ex(EX + "cursors/multiple_tables_with_cursors")),
   F("state can hold a nested dict of cursors keyed by parent id (e.g. department_cursor: {company_id: timestamp})",
     ["department_cursor", "per-company", "keyed by"],
     D(D_STATE) + CS(EX + "cursors/multiple_tables_with_cursors/README.md"))])

q("pagination_incremental", "why",
  "why shouldn't I just call op.checkpoint once at the very end of update()? my initial sync runs ~6 hours",
  "docs: https://fivetran.com/docs/connectors/connector-sdk/best-practices (Checkpoint regularly but not too often)",
  [F("if a sync fails, the next one restarts from the last checkpoint, so checkpoint periodically during long syncs, not only at the end",
     ["last checkpoint", "resume"],
     CS("template_connector/connector.py") + CC("_template_connector/connector.py") + D(D_BP1, D_BP2, D_TECHREF_OLD)),
   F("but not too often: roughly every 10 minutes is the recommended cadence",
     ["10 minutes"],
     D(D_BP1, D_BP2)),
   F("examples/common_patterns/priority_first_sync_for_high_volume_initial_syncs shows fetching recent data first for high-volume initial syncs",
     ["priority_first_sync", "priority-first"],
     CS("examples/README.md") + ex(EX + "priority_first_sync_for_high_volume_initial_syncs"))])

q("pagination_incremental", "how-do-i",
  "api returns an opaque `cursor` token on every response until it stops returning one. which example fits, and what do I do with the token in state once it's done?",
  "docs: https://fivetran.com/docs/connector-sdk/connector-sdk-concepts/pagination (scroll token)",
  [F("examples/common_patterns/pagination/scroll_token passes the opaque token back on each request",
     ["scroll_token"],
     ex(EX + "pagination/scroll_token") + D(D_PAGIN)),
   F("when the API returns no token, clear it from state so the next sync starts fresh",
     ["clear", "remove", "reset"],
     CS(EX + "pagination/scroll_token/README.md")),
   F("examples/common_patterns/pagination/keyset also uses a returned scroll_param, checkpointing an updatedAt timestamp",
     ["pagination/keyset", "keyset"],
     CS("examples/README.md") + ex(EX + "pagination/keyset"))])

# =====================================================================================
# AUTHENTICATION
# =====================================================================================
q("authentication", "terse",
  "api key auth header example connector sdk",
  "docs: https://beta.fivetran.com/docs/connector-sdk/connector-sdk-concepts/authentication",
  [F("examples/common_patterns/authentication/api_key",
     ["authentication/api_key", "api_key example"],
     CS("examples/README.md") + ex(EX + "authentication/api_key", "README.md", "connector.py", "configuration.json")),
   F("the key is read from configuration and sent as `Authorization: apiKey <YOUR_API_KEY>`",
     ["Authorization"],
     CS(EX + "authentication/api_key/README.md") + D(D_AUTH))])

q("authentication", "chatty",
  "Our source uses OAuth2 with a refresh token and access tokens expire after an hour. How are Connector SDK connectors supposed to deal with refreshing? Is there an example I can copy?",
  "docs: https://fivetran.com/docs/connector-sdk/examples (oauth2_with_token_refresh)",
  [F("examples/common_patterns/authentication/oauth2_with_token_refresh (HubSpot) refreshes the access token automatically",
     ["oauth2_with_token_refresh"],
     CS("examples/README.md") + ex(EX + "authentication/oauth2_with_token_refresh", "README.md", "connector.py", "configuration.json")),
   F("client_id, client_secret and refresh_token come from configuration; the access token is refreshed with grant_type=refresh_token when it expires",
     ["refresh_token"],
     CS(EX + "authentication/oauth2_with_token_refresh/README.md") + D(D_AUTH)),
   F("if the refresh token itself rotates, update the stored configuration during the sync (examples/common_patterns/update_configuration_during_sync)",
     ["update_configuration_during_sync"],
     CS(EX + "authentication/oauth2_with_token_refresh/README.md", "examples/README.md") + ex(EX + "update_configuration_during_sync"))])

q("authentication", "terse",
  "http basic auth username password connector sdk where to put creds",
  "FAQ: How do I handle sensitive information like API keys? (connector_sdk FAQ.md)",
  [F("examples/common_patterns/authentication/http_basic",
     ["http_basic"],
     CS("examples/README.md") + ex(EX + "authentication/http_basic", "README.md", "connector.py", "configuration.json")),
   F("username and password are base64-encoded into an `Authorization: Basic ...` header",
     ["Authorization: Basic", "base64"],
     CS(EX + "authentication/http_basic/README.md") + D(D_AUTH)),
   F("credentials go in configuration.json (stored securely after deploy), never hard-coded",
     ["configuration.json"],
     CS(EX + "authentication/http_basic/README.md", "FAQ.md") + D(D_CONFIG))])

q("authentication", "comparison",
  "http_bearer vs session_token examples, what's the actual difference between them?",
  "docs: https://beta.fivetran.com/docs/connector-sdk/connector-sdk-concepts/authentication",
  [F("http_bearer sends a pre-issued token as `Authorization: Bearer <token>`",
     ["Authorization: Bearer", "Bearer <"],
     CS("examples/README.md") + ex(EX + "authentication/http_bearer") + D(D_AUTH)),
   F("session_token first logs in to a /login endpoint with credentials to get a temporary session token, then sends `Authorization: Token <SESSION_TOKEN>`",
     ["login"],
     CS("examples/README.md") + ex(EX + "authentication/session_token"))])

q("authentication", "how-do-i",
  "the source needs mutual TLS with a client cert + key. i can't ship files with secrets, so how do i get the certificate to the connector?",
  "docs: https://beta.fivetran.com/docs/connector-sdk/connector-sdk-concepts/authentication (mTLS)",
  [F("put the base64-encoded certificate and key in configuration and decode them in code (authentication/certificate/using_base64_encoded_certificate)",
     ["using_base64_encoded_certificate", "base64"],
     CS("examples/README.md", EX + "authentication/certificate/README.md",
        EX + "authentication/certificate/using_base64_encoded_certificate/connector.py",
        EX + "authentication/certificate/using_base64_encoded_certificate/configuration.json")),
   F("produce the string with `openssl base64 -in <CERTIFICATE_FILE>`",
     ["openssl base64"],
     CS(EX + "authentication/certificate/README.md")),
   F("alternatively retrieve the certificate from an AWS S3 bucket (certificate/retrieve_from_aws)",
     ["retrieve_from_aws"],
     CS("examples/README.md", EX + "authentication/certificate/README.md",
        EX + "authentication/certificate/retrieve_from_aws/connector.py"))])

q("authentication", "chatty",
  "Our security team wants the database credentials to live in Azure Key Vault, not in the Fivetran connection config. Is that doable with the SDK?",
  "docs: https://fivetran.com/docs/connector-sdk/examples (azure_keyvault_for_secret_management)",
  [F("examples/common_patterns/azure_keyvault_for_secret_management fetches the DB credentials from Key Vault at runtime and then connects to PostgreSQL",
     ["azure_keyvault_for_secret_management"],
     CS("examples/README.md") + ex(EX + "azure_keyvault_for_secret_management", "README.md", "connector.py")),
   F("the Azure app credentials (tenant_id, client_id, client_secret, vault_url) still come from configuration",
     ["tenant_id", "client_secret", "vault_url"],
     ex(EX + "azure_keyvault_for_secret_management", "README.md", "configuration.json"))])

q("authentication", "how-do-i",
  "the API rotates the refresh token on every use, so I need to save the new one for the next sync. can connector code modify its own configuration?",
  "docs: https://fivetran.com/docs/connector-sdk/examples (update_configuration_during_sync)",
  [F("yes, via the Fivetran REST API (modify connection); see examples/common_patterns/update_configuration_during_sync",
     ["update_configuration_during_sync", "REST API"],
     CS("examples/README.md") + ex(EX + "update_configuration_during_sync")
     + CS(EX + "authentication/oauth2_with_token_refresh/README.md")),
   F("the connector needs a base64-encoded Fivetran API key in its configuration to call the API",
     ["fivetran_api_key", "API key"],
     ex(EX + "update_configuration_during_sync", "README.md", "configuration.json")),
   F("the whole configuration must be sent in the request, because it overrides all keys",
     ["entire configuration", "all keys", "whole configuration", "override"],
     CS(EX + "update_configuration_during_sync/README.md"))])

q("authentication", "how-do-i",
  "postgres sits in a private VPC and is only reachable through a bastion host. how does an sdk connector get to it?",
  "FAQ: Can I use the Connector SDK with an SSH tunnel to connect to a data source on a private network? (connector_sdk FAQ.md)",
  [F("open an SSH tunnel from the connector code: examples/common_patterns/ssh_tunnels (key_based_authentication, password_based_authentication, using_bastion_server with sshtunnel + psycopg2)",
     ["ssh_tunnels", "using_bastion_server", "key_based_authentication", "sshtunnel"],
     CS("examples/README.md", "FAQ.md") + ex(EX + "ssh_tunnels/using_bastion_server")
     + ex(EX + "ssh_tunnels/key_based_authentication") + ex(EX + "ssh_tunnels/password_based_authentication")),
   F("the bastion's SSH port must be reachable from Fivetran's IP addresses (safelist them)",
     ["safelist", "Fivetran's IP", "IP address"],
     D(D_CONNOPT) + CS("FAQ.md"))])

q("authentication", "terse",
  "aws iam role auth example dynamodb",
  "docs: https://beta.fivetran.com/docs/connector-sdk/connector-sdk-concepts/authentication (cloud-native identity)",
  [F("community_connectors/aws_dynamo_db_authentication authenticates by assuming an IAM role via STS with boto3",
     ["aws_dynamo_db_authentication"],
     CC("README.md", "aws_dynamo_db_authentication/README.md", "aws_dynamo_db_authentication/connector.py")),
   F("the role ARN and access credentials are passed in configuration (e.g. ROLE_ARN)",
     ["ROLE_ARN", "role arn"],
     CC("aws_dynamo_db_authentication/README.md", "aws_dynamo_db_authentication/configuration.json"))])

# =====================================================================================
# RUNTIME ENVIRONMENT & LIMITS
# =====================================================================================
q("runtime_environment", "chatty",
  "Which exact Python patch versions does Fivetran run in production? One of our libraries is picky about 3.12.x and I'd like to match it locally.",
  "docs: https://fivetran.com/docs/connector-sdk/technical-reference (exact patch versions)",
  [F("the patch versions are 3.14.0, 3.13.7, 3.12.11, 3.11.13 and 3.10.18",
     ["3.12.11"],
     D(D_TECHREF) + G("3.12.11", "connector_sdk")),
   F("the version is chosen per connection with `fivetran deploy --python-version`; without it the latest supported version (3.14 in SDK 3.0.0) is used",
     ["--python-version"],
     ["cli:deploy"] + D(D_TECHREF, D_CMD1, D_CMD2))])

q("runtime_environment", "terse",
  "how much RAM and CPU does a deployed sdk connector get",
  "docs: https://fivetran.com/docs/connectors/connector-sdk/working-with-connector-sdk (System resources)",
  [F("about 1 GB of RAM",
     ["1 GB", "1GB"],
     D(D_DETAILED_BETA, D_WORKING_OLD) + G("1 GB RAM", "connector_sdk") + G("**Memory:** 1 GB", "connector_sdk")),
   F("less than 0.5 vCPU",
     ["0.5 vCPU", "half a vCPU"],
     D(D_DETAILED_BETA, D_WORKING_OLD) + G("0.5 vCPU", "connector_sdk")),
   F("Hybrid Deployment connections run on your own infrastructure and are not subject to these SDK memory limits",
     ["Hybrid Deployment"],
     D(D_MEM))])

q("runtime_environment", "error-paste",
  "fivetran debug was chugging through a big table and then died with\n"
  "```\nSEVERE ⚡ sdk memory usage of connector code exceeded the allowed limit (used: 4.02 GB, limit: 4.00 GB)\n```\n"
  "if I give my laptop more RAM will it be fine in prod?",
  "docs: https://fivetran.com/docs/connector-sdk/connector-development-and-configuration/connector-memory-management",
  [F("no: a deployed connector gets far less memory (about 1 GB RAM), so the connector itself must stay small",
     ["1 GB", "1GB"],
     D(D_DETAILED_BETA, D_WORKING_OLD, D_MEM) + G("1 GB RAM", "connector_sdk") + G("**Memory:** 1 GB", "connector_sdk")),
   F("don't accumulate whole datasets in memory: page/stream the source and upsert + checkpoint chunk by chunk (e.g. fetchmany or server-side cursors instead of fetchall)",
     ["fetchall", "fetchmany", "server-side cursor", "chunk", "paginat"],
     D(D_MEM, D_RESCHED) + CS("template_connector/connector.py") + CC("_template_connector/connector.py")
     + ex(EX + "server_side_cursors")),
   F("measure memory locally with tracemalloc / psutil as described in the Connector Memory Management docs",
     ["tracemalloc", "psutil", "memory management"],
     D(D_MEM, D_TESTING))])

q("runtime_environment", "how-do-i",
  "do i need an installation.sh for the SQL Server ODBC driver or for psycopg2, or is that already on the box?",
  "docs: https://fivetran.com/docs/connector-sdk/technical-reference (Pre-installed DB drivers)",
  [F("msodbcsql17 and msodbcsql18 (Microsoft SQL Server ODBC drivers) are pre-installed",
     ["msodbcsql"],
     D(D_TECHREF, D_DETAILED_BETA, D_WORKING_OLD, D_SDK_LANDING) + CC("ehi/high_volume_ehi/README.md")),
   F("libpq5 and libpq-dev are pre-installed for psycopg / psycopg2",
     ["libpq"],
     D(D_TECHREF, D_DETAILED_BETA, D_WORKING_OLD)),
   F("so no installation.sh is needed for them; drivers/installation.sh is only for drivers that are not pre-installed",
     ["don't need", "do not need", "no need", "not needed", "not required"],
     CS("examples/README.md", EX + "importing_external_drivers/README.md"))])

q("runtime_environment", "chatty",
  "Where does my connector code physically execute once it's deployed, and how is it supposed to reach a database that sits behind our corporate firewall?",
  "FAQ: What connection methods does Fivetran support for connecting to a source? (connector_sdk FAQ.md)",
  [F("SaaS deployment runs the code in an isolated Fivetran-managed runtime in the destination's cloud/region; Hybrid Deployment runs it on your own Hybrid Deployment agent",
     ["Hybrid Deployment", "isolated"],
     D(D_DEPLOY, D_TECHREF) + CS("README.md")),
   F("network options: safelist Fivetran's IPs, SSH tunnel, reverse SSH tunnel, or private networking (AWS PrivateLink, Azure Private Link, Google Private Service Connect)",
     ["safelist", "SSH tunnel", "PrivateLink", "Private Link"],
     CS("FAQ.md") + D(D_CONNOPT))])

q("runtime_environment", "why",
  "is there a max runtime per sync like lambda's 15 minutes? my full sync runs for hours and I'm scared it gets killed",
  "README.md: 'eliminates timeout and data size limitations seen in AWS Lambda'",
  [F("Connector SDK avoids the timeout and data-size limits of AWS Lambda / serverless functions",
     ["eliminat", "no timeout", "no such", "no fixed", "not subject"],
     CS("README.md", "FAQ.md") + D(D_EXAMPLES)),
   F("long syncs should still checkpoint periodically so progress is persisted if a sync fails",
     ["checkpoint"],
     D(D_TECHREF_OLD, D_BP1, D_BP2) + CS("template_connector/connector.py"))])

q("runtime_environment", "how-do-i",
  "how can my code tell whether it's running under `fivetran debug` on my laptop or in production?",
  "docs: https://fivetran.com/docs/changelog/2025/september-2025 (FIVETRAN_DEPLOYMENT_MODEL env var)",
  [F("read the FIVETRAN_DEPLOYMENT_MODEL environment variable",
     ["FIVETRAN_DEPLOYMENT_MODEL"],
     CS("examples/README.md") + ex(EX + "environment_driven_connectivity") + D(D_SEP25)),
   F("local runs set it to `local_debug` (SDK 3.0.0 also sets FIVETRAN_CONNECTION_ID=test_connection_id during debug/run)",
     ["local_debug"],
     CS(EX + "environment_driven_connectivity/connector.py")),
   F("examples/common_patterns/environment_driven_connectivity switches API endpoints based on it",
     ["environment_driven_connectivity"],
     CS("examples/README.md") + ex(EX + "environment_driven_connectivity"))])

q("runtime_environment", "chatty",
  "We use Hybrid Deployment. Can I target a specific HD agent when deploying an SDK connector, and are there SDK features that don't work on HD?",
  "docs: https://fivetran.com/docs/connectors/connector-sdk/technical-reference (Hybrid Deployment)",
  [F("`fivetran deploy --hybrid-deployment-agent-id <ID>`; without it the destination's default agent is used",
     ["--hybrid-deployment-agent-id"],
     ["cli:deploy"] + D(D_CMD1, D_CMD2, D_CMD3, D_TECHREF_OLD)),
   F("file uploads (FileUpload on upsert/update) are not supported in Hybrid Deployment",
     ["file upload", "FileUpload"],
     D(D_FILES)),
   F("HD connections run on your infrastructure and are not subject to the Connector SDK memory limits",
     ["memory limit", "memory constraint"],
     D(D_MEM))])

q("runtime_environment", "why",
  "when python 3.10 goes end-of-life will fivetran just break my connector? who is on the hook for upgrading dependencies?",
  "FAQ: How are Python version upgrades and dependencies handled for my connector? (connector_sdk FAQ.md)",
  [F("Fivetran manages the runtime, follows Python's release calendar, and notifies customers with a transition period if an upgrade causes dependency issues",
     ["transition period", "notif"],
     CS("FAQ.md") + D(D_DETAILED)),
   F("you are responsible for the libraries in your requirements.txt and keeping them compatible with supported versions",
     ["requirements.txt"],
     CS("FAQ.md"))])

# =====================================================================================
# SDK 3 FEATURES
# =====================================================================================
q("sdk3_features", "how-do-i",
  "how do I define setup form fields (text, password, dropdown, toggle) in code with the new SDK?",
  "docs: https://fivetran.com/docs/connector-sdk/technical-reference/connector-sdk-setup-form",
  [F("write a configuration_form() that returns a ConfigurationForm and pass it as Connector(update=..., configuration_form=configuration_form)",
     ["ConfigurationForm"],
     ["sdk:ConfigurationForm", "sdk:Connector"] + D(D_FORM, D_FORM2, D_FORM_DASH)
     + CS("examples/README.md") + ex(QS + "configuration_form")),
   F("field types: form_field.TextField (TextField.plain_text / TextField.password), form_field.DropdownField with DropdownFieldParam options, form_field.ToggleField",
     ["TextField"],
     ["sdk:form_field.TextField", "sdk:form_field.DropdownField", "sdk:form_field.ToggleField", "sdk:form_field.DropdownFieldParam"]
     + D(D_FORM, D_FORM2) + ex(QS + "configuration_form")),
   F("add fields with form.add_field(...); each field's name becomes the configuration key passed to update()",
     ["add_field"],
     ["sdk:ConfigurationForm.add_field"] + D(D_FORM) + CS(QS + "configuration_form/connector.py"))])

q("sdk3_features", "error-paste",
  "```\nValueError: anonymous lambda functions cannot be used as test functions; assign the function to a named variable first\n```\n"
  "from `form.add_test(label=\"Ping API\", func=lambda cfg: Test.success())`. why not a lambda?",
  "common mistake: registering setup tests as lambdas; SDK 3.0.0 identifies tests by function name",
  [F("setup tests are identified by the function's __name__, so register a named function (def)",
     ["__name__", "named function", "def "],
     ["sdk:ConfigurationForm.add_test"] + CS(QS + "configuration_form/README.md", QS + "configuration_form/connector.py")),
   F("the test function receives the configuration dict and returns Test.success() or Test.failure(message)",
     ["failure(", "Test.failure"],
     ["sdk:Test.success", "sdk:Test.failure", "sdk:ConfigurationForm.add_test"] + D(D_FORM, D_FORM2)
     + CS(QS + "configuration_form/connector.py"))])

q("sdk3_features", "how-do-i",
  "is there a way to run my Test Connection setup test locally without deploying?",
  "docs: https://fivetran.com/docs/connector-sdk/technical-reference/connector-sdk-setup-form",
  [F("`fivetran configuration --test` runs the setup tests registered in configuration_form()",
     ["configuration --test"],
     ["cli:configuration"] + CS(QS + "configuration_form/README.md") + D(D_FORM)),
   F("`fivetran configuration` without --test prompts for each form field and writes (overrides) configuration.json",
     ["fivetran configuration"],
     ["cli:configuration"] + CS(QS + "configuration_form/README.md") + D(D_FORM)),
   F("password fields are encrypted in the generated configuration.json unless you pass --disable-encryption",
     ["--disable-encryption", "encrypt"],
     ["cli:configuration"])])

q("sdk3_features", "error-paste",
  "copied my project to the CI box and `fivetran debug` now fails:\n"
  "```\ninvalid configuration error: configuration.json contains encrypted values but the encryption key was not found at "
  "/home/ci/.fivetran/connector_sdk/config_encryption_key; re-run 'fivetran configuration' to regenerate configuration.json\n```",
  "common mistake: committing a configuration.json generated by `fivetran configuration` (password fields encrypted with a per-machine key)",
  [F("`fivetran configuration` encrypts password fields with a key stored only on the machine that generated the file, so re-run `fivetran configuration` there (or on the CI box)",
     ["machine", "~/.fivetran/connector_sdk"],
     ["cli:configuration"]),
   F("for CI, generate it with `--disable-encryption` or build configuration.json from CI secrets, as the GitHub workflow example does",
     ["--disable-encryption", "secrets"],
     ["cli:configuration"] + CS("examples/workflows/github/README.md", "examples/workflows/github/deploy_hello_connector.yml"))])

q("sdk3_features", "how-do-i",
  "how do i send pdf files (binary) to the destination together with a metadata row?",
  "docs: https://fivetran.com/docs/connector-sdk/technical-reference/connector-sdk-file-uploads",
  [F("pass file=FileUpload(path=..., stream=..., expected_bytes=...) to op.upsert() or op.update()",
     ["FileUpload"],
     ["sdk:FileUpload", "sdk:Operations.upsert", "sdk:Operations.update"] + D(D_FILES)),
   F("the stream must be a binary file-like object with read() (ByteStream), e.g. open(path, 'rb'), an HTTP response stream or io.BytesIO",
     ["BytesIO", "'rb'", "\"rb\"", "read()"],
     ["sdk:ByteStream", "sdk:FileUpload"] + D(D_FILES)),
   F("file uploads are Private Preview, need a destination that supports unstructured files, and don't work with Hybrid Deployment",
     ["Private Preview", "Hybrid"],
     D(D_FILES))])

q("sdk3_features", "error-paste",
  "```\nTypeError: Invalid stream.read() return type: expected bytes, but received str. The stream's read() method must return bytes, not strings or other types.\n```\n"
  "I'm doing `FileUpload(path=\"reports/q1.csv\", stream=open(local_path))`",
  "common mistake: opening the FileUpload stream in text mode",
  [F("open the file in binary mode (`open(local_path, 'rb')`) or wrap the content in io.BytesIO; read() must return bytes",
     ["'rb'", "\"rb\"", "binary mode", "BytesIO"],
     ["sdk:ByteStream", "sdk:FileUpload"] + D(D_FILES)),
   F("expected_bytes is an optional integer file size used for an integrity check",
     ["expected_bytes"],
     ["sdk:FileUpload"] + D(D_FILES))])

q("sdk3_features", "comparison",
  "pyproject.toml or requirements.txt for deps in SDK 3? what happens if I have both?",
  "docs: https://fivetran.com/docs/connector-sdk/building-connectors/project-dependencies",
  [F("either works; with pyproject.toml declare dependencies under [project] dependencies",
     ["[project]", "dependencies ="],
     D(D_DEPS, D_STRUCT1, D_MANAGE_PKG) + ex(QS + "pyproject_toml", "README.md", "pyproject.toml")),
   F("if both files are present, pyproject.toml takes precedence",
     ["precedence"],
     D(D_DEPS, D_STRUCT1) + ex(QS + "pyproject_toml", "README.md", "pyproject.toml")),
   F("example: examples/quickstart/pyproject_toml (tenacity declared in pyproject.toml)",
     ["pyproject_toml"],
     ex(QS + "pyproject_toml", "README.md", "pyproject.toml", "connector.py"))])

q("sdk3_features", "chatty",
  "fivetran debug blew up and at the end printed `crash report saved to /Users/me/conn/crash-reports/crash_20261129-190633.log`. "
  "What's in that file, is it safe to attach to a support ticket (does it contain my API key?), and will that folder get deployed with my code?",
  "common doubt: SDK 3.0.0 writes local crash reports on debug failures (verified by running a failing connector)",
  [F("it records crash metadata (handler, SDK and Python version, platform), the state, a memory snapshot and only your project's stack frames with source context and local variables",
     ["stack", "locals", "local variables"],
     ["sdk:Connector.debug"]),
   F("configuration values are redacted as **** and a `configuration` local shows only its key names",
     ["****", "redact"],
     ["sdk:Connector.debug"]),
   F("the crash-reports/ folder is excluded from the deployment package",
     ["excluded", "not deployed", "not packaged", "not uploaded"],
     ["sdk:Connector.debug"])])

q("sdk3_features", "how-do-i",
  "tired of retyping --destination, --connection and --python-version on every deploy. does SDK 3 have a config file for deploy flags?",
  "docs: https://fivetran.com/docs/connector-sdk/technical-reference/options-file",
  [F("yes: a deployment options file options.toml with named profiles, chosen with `fivetran deploy --profile <name>` (default 'default') or `--options-file <path>`",
     ["options.toml"],
     ["cli:deploy"] + D(D_OPTIONS)),
   F("searched in order: --options-file, FIVETRAN_OPTIONS_FILE, ./options.toml in the project, ~/.fivetran/connector_sdk/options.toml",
     ["~/.fivetran/connector_sdk/options.toml", "FIVETRAN_OPTIONS_FILE"],
     D(D_OPTIONS)),
   F("it needs Python 3.11+; from 3.0.0 the CLI no longer reuses settings saved on the server",
     ["3.11"],
     D(D_OPTIONS))])

# =====================================================================================
# TESTING & DEBUGGING
# =====================================================================================
q("testing_debugging", "error-paste",
  "opened files/warehouse.db in duckdb and `select * from hello` gives `Catalog Error: Table with name hello does not exist!` but debug said the upsert worked. where are my rows?",
  "https://github.com/fivetran/connector_sdk/pull/572 (debug output shows files/warehouse.db/tester) + docs testing-connectors (Connecting to DuckDB)",
  [F("in SDK 3.0.0 the local tables live in the `tester` schema, e.g. SELECT * FROM tester.hello (debug logs 'destination schema path: ... (schema=tester)')",
     ["tester."],
     ["sdk:Connector.debug"] + CS("examples/ai/claude/pokeapi_tutorial/pokeapi_connector_tutorial.md")),
   F("browse it with the DuckDB CLI or UI: `duckdb -ui files/warehouse.db` (the hint printed after a successful debug run)",
     ["duckdb -ui", "-ui"],
     D(D_TEST, D_TEST_BETA, D_PYPI_CORE) + CS("FAQ.md", "examples/ai/claude/pokeapi_tutorial/pokeapi_connector_tutorial.md"))])

q("testing_debugging", "error-paste",
  "```\nthe fivetran debug command failed because a connection with 'warehouse.db' is already open. Close any open connections to this database before running fivetran debug again.\n```",
  "common mistake: keeping warehouse.db open in DBeaver / DuckDB UI while re-running fivetran debug",
  [F("close the other DuckDB session (DuckDB CLI/UI, DBeaver, Harlequin, a notebook) that holds files/warehouse.db, then re-run fivetran debug",
     ["DBeaver", "DuckDB UI", "duckdb -ui", "notebook", "Harlequin", "other process", "another process"],
     ["sdk:Connector.debug"] + D(D_TEST, D_TEST_BETA)),
   F("the file is a DuckDB database at files/warehouse.db",
     ["DuckDB"],
     D(D_TEST, D_TEST_BETA, D_LOCAL) + CS("FAQ.md"))])

q("testing_debugging", "how-do-i",
  "I changed a table definition and now incremental debug runs fail, plus I want to redo the initial sync locally. how do I start fresh?",
  "docs: https://fivetran.com/docs/connector-sdk/connector-development-and-configuration/testing-connectors (Resetting the local debug environment)",
  [F("run `fivetran reset` from the project root: it deletes warehouse.db and state.json; then run fivetran debug again",
     ["fivetran reset"],
     ["cli:reset"] + D(D_TEST, D_TEST_BETA, D_STRUCT1, D_TESTING) + G("fivetran reset", "connector_sdk")),
   F("you can also point debug at a different state file with `fivetran debug --state <file>`",
     ["--state"],
     ["cli:debug"])])

q("testing_debugging", "how-do-i",
  "can I step through my connector with breakpoints in VS Code / PyCharm instead of using the CLI?",
  "docs: https://fivetran.com/docs/connector-sdk/testing/local-testing (Option 2: run debug from your IDE)",
  [F("add `if __name__ == \"__main__\": connector.debug()` (optionally with configuration=...) to connector.py and run/debug that file from the IDE",
     ["connector.debug"],
     ["sdk:Connector.debug"] + D(D_LOCAL) + CS("template_connector/connector.py") + CC("_template_connector/connector.py")
     + G("connector.debug(", "connector_sdk", ext=".md")),
   F("fivetran debug is still the recommended test; the __main__ block is never called by Fivetran in production",
     ["production", "recommended"],
     CS("template_connector/connector.py") + CC("_template_connector/connector.py")),
   F("a VS Code launch.json that runs connector.py is shown in all_things_ai/ai_agents/vscode_with_github_copilot/README.md",
     ["launch.json"],
     CS("all_things_ai/ai_agents/vscode_with_github_copilot/README.md"))])

q("testing_debugging", "error-paste",
  "sync succeeded but I get this warning every time:\n"
  "`⚡ op.checkpoint() was never called during this sync. We recommend calling op.checkpoint(state) periodically in your update function to save sync state and avoid re-syncing data unnecessarily.`\n"
  "my connector is a full refresh, do I care?",
  "common mistake: full-refresh connectors that never call op.checkpoint",
  [F("call op.checkpoint(state) anyway: it saves the state and tells Fivetran it is safe to write the data processed so far",
     ["safe to write", "saves the state", "save the state", "persist"],
     ["sdk:Operations.checkpoint"] + CS("template_connector/connector.py") + CC("_template_connector/connector.py") + D(D_STATE)),
   F("without checkpoints a failed or restarted sync begins again from the previous state",
     ["previous state", "from the beginning", "start over", "from scratch", "last checkpoint"],
     D(D_BP1, D_BP2))])

q("testing_debugging", "error-paste",
  "debug output says\n```\nschema() not provided; inferring schema from update() output\ntip: if you implemented schema(), include it in Connector(...): Connector(update=update, schema=schema)\n```\nbut I DID write a schema() function",
  "common mistake: defining schema() but constructing Connector(update=update) only",
  [F("defining schema() is not enough: pass it to the constructor, `connector = Connector(update=update, schema=schema)`",
     ["constructor", "pass it", "passed to", "pass the function", "isn't enough", "not enough"],
     ["sdk:Connector"] + D(D_REQDECL) + CS("template_connector/connector.py") + CC("_template_connector/connector.py")),
   F("without schema() types are inferred, and tables without a declared primary key get a surrogate _fivetran_id",
     ["_fivetran_id"],
     D(D_BP1) + CS("template_connector/connector.py", "examples/quickstart/hello/README.md"))])

q("testing_debugging", "why",
  "why does fivetran debug warn `avoid using sys.exit() to exit from python code this may cause the connector to hang raise an error instead`? I just want to stop when there's no new data",
  "docs: https://fivetran.com/docs/connector-sdk/technical-reference/connector-sdk-code/connector-sdk-logs (Exception handling)",
  [F("exit()/sys.exit() can leave the connector stuck; simply return from update() when there is nothing to do, or raise an exception on errors",
     ["return from update", "just return", "return early", "simply return", "return instead"],
     D(D_LOGS_OLD, D_LOGS)),
   F("to fail a sync deliberately raise an exception such as RuntimeError; it shows up in the dashboard as an error",
     ["RuntimeError"],
     D(D_LOGS_OLD) + CS("template_connector/connector.py"))])

q("testing_debugging", "terse",
  "log.fine deprecated? what to use instead",
  "docs: https://fivetran.com/docs/changelog/2026/may-2026 (Python-native log levels)",
  [F("fine() and severe() are deprecated: use log.debug() instead of fine(), log.error() or log.critical() instead of severe()",
     ["log.debug", "debug()"],
     ["sdk:Logging.fine", "sdk:Logging.severe", "sdk:Logging.debug", "sdk:Logging.error", "sdk:Logging.critical"] + D(D_LOGS, D_MAY26)),
   F("debug-level messages are only emitted during fivetran debug and are silent in production",
     ["silent in production", "not emitted in production", "only during fivetran debug", "only in fivetran debug", "only during debug", "not in production"],
     D(D_LOGS)),
   F("only the SDK logger (`from fivetran_connector_sdk import Logging as log`) shows up; Python's logging module is not supported",
     ["Logging as log"],
     D(D_LOGSNOT, D_LOGSNOT_OLD, D_REQDECL) + CS("template_connector/connector.py") + CC("_template_connector/connector.py"))])

q("testing_debugging", "chatty",
  "After I deploy, where do I actually see my log.info messages? And is there any limit on how much I can log — I was logging every record while testing.",
  "https://github.com/fivetran/connector_sdk/issues/296 (user could not find connector failure logs) + FAQ: How can I view the logs for my connector?",
  [F("on the Connector SDK logs tab of the connection details page in the Fivetran dashboard",
     ["Connector SDK logs"],
     CS("FAQ.md")),
   F("logs are also available via the Fivetran Platform Connector or an external log service",
     ["Fivetran Platform Connector", "external log"],
     CS("FAQ.md") + D(D_FT_LOGS)),
   F("INFO logs are rate-limited to 1500 per minute, so avoid logging every record",
     ["1500"],
     D(D_LOGS_OLD))])

# =====================================================================================
# AI TOOLING
# =====================================================================================
q("ai_tooling", "how-do-i",
  "is there an official system prompt / instructions file I can give my AI assistant for connector sdk work?",
  "docs: https://fivetran.com/docs/connector-sdk/examples (AI and Connector SDK: agents.md)",
  [F("all_things_ai/ai_agents/AGENTS.md holds the Connector SDK system instructions for any IDE, API call or AI conversation",
     ["AGENTS.md"],
     CS("examples/README.md", "all_things_ai/ai_agents/README.md", "all_things_ai/ai_agents/AGENTS.md", "examples/ai/README.md")),
   F("per-tool folders exist: claude_code (CLAUDE.md + subagents), cursor, vscode_with_github_copilot and windsurf",
     ["claude_code", "CLAUDE.md", "vscode_with_github_copilot", "windsurf"],
     CS("all_things_ai/ai_agents/README.md", "examples/ai/README.md"))])

q("ai_tooling", "error-paste",
  "ran `/agents` in claude code and none of the fivetran ft-csdk agents show up. where are they supposed to come from?",
  "connector_sdk examples/ai/README.md (Claude Code subagents)",
  [F("start Claude Code inside all_things_ai/ai_agents/claude_code so it picks up CLAUDE.md and the .claude/agents folder",
     ["all_things_ai/ai_agents/claude_code", "claude_code folder"],
     CS("examples/ai/README.md", "all_things_ai/ai_agents/README.md", "all_things_ai/ai_agents/claude_code/README.md")),
   F("subagents need Claude Code 1.0.62 or newer",
     ["1.0.62"],
     CS("examples/ai/README.md")),
   F("the agents are ft-csdk-discover, ft-csdk-generate, ft-csdk-test, ft-csdk-fix, ft-csdk-revise and ft-csdk-ask",
     ["ft-csdk-"],
     CS("all_things_ai/ai_agents/claude_code/README.md", "all_things_ai/ai_agents/claude_code/CLAUDE.md")
     + G("name: ft-csdk-", "connector_sdk", under="all_things_ai/"))])

q("ai_tooling", "how-do-i",
  "using cursor ide - how do I set it up so it knows the connector sdk patterns?",
  "connector_sdk all_things_ai/ai_agents/cursor/README.md",
  [F("open all_things_ai/ai_agents/cursor in Cursor and give it the AGENTS.md instructions (copy into Cursor's chat)",
     ["AGENTS.md"],
     CS("all_things_ai/ai_agents/cursor/README.md", "all_things_ai/ai_agents/README.md", "examples/ai/README.md")),
   F("worked example: examples/ai/cursor/fda_food_tutorial",
     ["fda_food"],
     CS("examples/README.md", "examples/ai/cursor/fda_food_tutorial/fda_food_tutorial.md",
        "examples/ai/cursor/fda_food_tutorial/fda_food_connector/README.md")),
   F("there is a Cursor video tutorial in the docs",
     ["video"],
     CS("all_things_ai/ai_agents/cursor/README.md") + D(D_TUTS))])

q("ai_tooling", "non-native",
  "my company allow only github copilot inside vscode. there is some guide for fivetran sdk with copilot?",
  "connector_sdk all_things_ai/ai_agents/vscode_with_github_copilot/README.md",
  [F("all_things_ai/ai_agents/vscode_with_github_copilot has an AGENTS.md plus setup notes (extensions, venv, launch.json)",
     ["vscode_with_github_copilot"],
     CS("all_things_ai/ai_agents/README.md", "examples/ai/README.md", "all_things_ai/ai_agents/vscode_with_github_copilot/README.md")),
   F("worked example: examples/ai/vscode/fda_tobacco_tutorial",
     ["fda_tobacco"],
     CS("examples/README.md", "examples/ai/vscode/fda_tobacco_tutorial/fda_tobacco_tutorial.md") + D(D_CLAUDE_TUT)),
   F("Fivetran also ships a Connector SDK plugin for GitHub Copilot in VS Code/JetBrains and Copilot CLI (fivetran/connector_sdk_tools)",
     ["connector_sdk_tools", "plugin"],
     D(D_AI))])

q("ai_tooling", "error-paste",
  "fivetran init stopped and asked\n```\nInstalled coding agents detected. Which agent should we install the Fivetran plugin for?\n1. Claude Code\n2. Skip AI setup\n```\nwhat plugin is this and which agents does it support?",
  "docs: https://fivetran.com/docs/connector-sdk/tutorials/build-from-template (AI coding agents)",
  [F("after scaffolding, init looks on PATH for Claude Code, Codex CLI, Gemini CLI and GitHub Copilot CLI and offers to install the Connector SDK plugin for one of them",
     ["Codex", "Gemini"],
     D(D_TEMPLATE, D_AI, D_CLAUDE_TUT)),
   F("the plugin comes from the fivetran/connector_sdk_tools repository and adds skills such as build-connector, test-connector and deploy",
     ["connector_sdk_tools"],
     D(D_AI)),
   F("you can skip it (and it is skipped with --non-interactive/--yes) and install the plugin manually later",
     ["manually", "later", "--non-interactive"],
     ["cli:init"] + D(D_CLAUDE_TUT))])

q("ai_tooling", "chatty",
  "I read the blog post about building a Fivetran connector in an hour with Claude. Where is that code, and can I see what the first sync produced?",
  "connector_sdk examples/README.md (claude_pokeapi tutorial)",
  [F("examples/ai/claude/pokeapi_tutorial has the Claude-generated connector and a tutorial write-up",
     ["pokeapi"],
     CS("examples/README.md", "examples/ai/README.md", "examples/ai/claude/pokeapi_tutorial/pokeapi_connector_tutorial.md",
        "examples/ai/claude/pokeapi_tutorial/pokeapi_connector/connector.py")),
   F("the warehouse.db and state.json from the first sync are committed under pokeapi_connector/files",
     ["warehouse.db"],
     CS("examples/ai/README.md", "examples/ai/claude/pokeapi_tutorial/pokeapi_connector/files/state.json"))])

q("ai_tooling", "why",
  "why does the repo say the AI tutorial code isn't production ready? can't I deploy the fda_drug connector as-is?",
  "connector_sdk examples/ai/README.md (Disclaimer)",
  [F("the tutorial code is unedited AI output from a single conversation, tested only for demonstration and meant to be illustrative",
     ["illustrative", "unedited", "not been polished"],
     CS("examples/ai/README.md")),
   F("review AI-generated connector code before deploying to production",
     ["review"],
     D(D_AI))])

q("ai_tooling", "how-do-i",
  "what does the ft-csdk-discover agent do and why does CLAUDE.md insist it runs before generating anything?",
  "connector_sdk all_things_ai/ai_agents/claude_code/CLAUDE.md (Connector Discovery)",
  [F("it checks whether a community connector or common pattern already covers the source, since an existing template is almost always the better starting point",
     ["community connector"],
     CS("all_things_ai/ai_agents/claude_code/CLAUDE.md", "all_things_ai/ai_agents/claude_code/.claude/agents/ft-csdk-discover.md",
        "all_things_ai/ai_agents/claude_code/.claude/agents/ft-csdk-generate.md", "all_things_ai/ai_agents/AGENTS.md")),
   F("it is read-only and recommends the exact `fivetran init --template ...` command to start from",
     ["fivetran init"],
     CS("all_things_ai/ai_agents/claude_code/.claude/agents/ft-csdk-discover.md", "all_things_ai/ai_agents/AGENTS.md"))])

q("ai_tooling", "non-native",
  "we have only chatgpt enterprise in company. it is working for write sdk connectors or no?",
  "connector_sdk examples/ai/README.md (ChatGPT)",
  [F("yes: give it examples from the repo plus the technical reference documentation as context",
     ["technical reference", "technical-reference"],
     CS("examples/ai/README.md")),
   F("expect to make some manual adjustments to the generated code",
     ["manual"],
     CS("examples/ai/README.md")),
   F("AGENTS.md can be pasted into any AI conversation or API call as system instructions",
     ["AGENTS.md"],
     CS("examples/README.md", "all_things_ai/ai_agents/vscode_with_github_copilot/README.md"))])

# =====================================================================================
# FIND AN EXISTING CONNECTOR / EXAMPLE
# =====================================================================================
q("find_connector", "terse",
  "is there a connector for ClickHouse?",
  "community_connectors README.md (Databases)",
  [F("yes: community_connectors/clickhouse",
     ["community_connectors/clickhouse", "community connector", "--template clickhouse"],
     CC("README.md", "clickhouse/README.md", "clickhouse/connector.py")),
   F("it uses the clickhouse_connect library",
     ["clickhouse_connect", "clickhouse-connect"],
     CC("clickhouse/requirements.txt", "clickhouse/connector.py")),
   F("start from it with `fivetran init --template clickhouse`",
     ["--template clickhouse"],
     CC("clickhouse/README.md"))])

q("find_connector", "chatty",
  "I need to pull a ~200M row table out of Microsoft SQL Server. Is there a community connector built for that kind of volume, or only toy examples?",
  "community_connectors README.md (ehi/high_volume_ehi)",
  [F("community_connectors/ehi/high_volume_ehi targets 100M+ row SQL Server tables with keyset/offset pagination and parallel processing (pyodbc + ODBC Driver 18)",
     ["high_volume_ehi"],
     CC("README.md", "ehi/high_volume_ehi/README.md", "ehi/high_volume_ehi/connector.py")),
   F("there is also a basic community_connectors/sql_server connector using pyodbc",
     ["sql_server"],
     CC("README.md", "sql_server/README.md", "sql_server/connector.py")),
   F("the Microsoft ODBC drivers (msodbcsql17/18) are pre-installed in the runtime",
     ["msodbcsql", "pre-installed"],
     D(D_TECHREF, D_DETAILED_BETA, D_WORKING_OLD) + CC("ehi/high_volume_ehi/README.md"))])

q("find_connector", "how-do-i",
  "looking for something that reads messages off a queue — rabbitmq or google pub/sub. does anything exist already?",
  "community_connectors README.md (Message Queues & Streaming)",
  [F("community_connectors/rabbitmq reads messages with basic_get (pika) and acknowledges them only after a successful sync",
     ["community_connectors/rabbitmq", "basic_get", "pika"],
     CC("README.md", "rabbitmq/README.md", "rabbitmq/connector.py", "rabbitmq/requirements.txt")),
   F("community_connectors/gcp_pub_sub syncs Google Cloud Pub/Sub; apache_pulsar and solace also exist",
     ["gcp_pub_sub"],
     CC("README.md", "gcp_pub_sub/README.md"))])

q("find_connector", "terse",
  "BAI2 bank files on sftp - existing connector?",
  "community_connectors README.md (sftp_connector)",
  [F("community_connectors/sftp_connector/bai2_sftp_connector loads all BAI2 transactions into a bai2_transactions table",
     ["bai2_sftp_connector"],
     CC("README.md", "sftp_connector/bai2_sftp_connector/README.md", "sftp_connector/bai2_sftp_connector/connector.py")),
   F("it connects over SFTP with paramiko",
     ["paramiko"],
     CC("sftp_connector/bai2_sftp_connector/requirements.txt", "sftp_connector/bai2_sftp_connector/connector.py")),
   F("a sibling fixed_width_sftp_connector handles fixed-width files",
     ["fixed_width"],
     CC("README.md"))])

q("find_connector", "how-do-i",
  "need to sync csv and excel files sitting in several sharepoint online sites, anything to start from?",
  "community_connectors README.md (SaaS & APIs)",
  [F("community_connectors/sharepoint_multi_site_connector reads CSV/Excel files from multiple SharePoint sites via the Microsoft Graph API, incrementally and with delete handling",
     ["sharepoint_multi_site_connector"],
     CC("README.md", "sharepoint_multi_site_connector/README.md", "sharepoint_multi_site_connector/connector.py")),
   F("community_connectors/microsoft_excel syncs data from Excel files",
     ["microsoft_excel"],
     CC("README.md", "microsoft_excel/README.md"))])

q("find_connector", "non-native",
  "source is sybase ase. exist example? and how it get the odbc driver in fivetran?",
  "community_connectors README.md (sybase_ase)",
  [F("community_connectors/sybase_ase replicates Sybase ASE tables",
     ["sybase_ase"],
     CC("README.md", "sybase_ase/README.md", "sybase_ase/connector.py")),
   F("it connects through the FreeTDS ODBC driver with pyodbc (the repo index describes an installation.sh in drivers/)",
     ["FreeTDS"],
     CC("README.md", "sybase_ase/README.md", "sybase_ase/drivers/installation.sh")),
   F("Sybase IQ has its own connector, community_connectors/sybase_iq",
     ["sybase_iq"],
     CC("README.md", "sybase_iq/README.md"))])

q("find_connector", "comparison",
  "github: connector_sdk has examples/workflows/github and community_connectors has a github folder. which one actually syncs repo data?",
  "community_connectors README.md vs connector_sdk examples/README.md (Workflows)",
  [F("community_connectors/github syncs repositories, commits and pull requests via the GitHub REST API (GitHub App auth)",
     ["community_connectors/github", "GitHub App"],
     CC("README.md", "github/README.md", "github/connector.py")),
   F("connector_sdk examples/workflows/github is a GitHub Actions workflow that deploys a hello connector on push, not a source connector",
     ["GitHub Actions", "deploys", "deploy"],
     CS("examples/README.md", "examples/workflows/github/README.md", "examples/workflows/github/deploy_hello_connector.yml")),
   F("community_connectors/github_traffic syncs repository traffic data",
     ["github_traffic"],
     CC("README.md", "github_traffic/README.md"))])

q("find_connector", "how-do-i",
  "any examples that enrich data with an LLM during the sync, like snowflake cortex or databricks ai_query?",
  "community_connectors README.md (AI and Connector SDK)",
  [F("community_connectors/snowflake_cortex/* (e.g. snowflake-cortex-hacker-news adds Cortex sentiment/topic classification)",
     ["snowflake_cortex", "snowflake-cortex"],
     CC("README.md") + G("cortex", "community_connectors", under="snowflake_cortex/", ext="README.md")),
   F("community_connectors/databricks/databricks-fm-* enrich records with Databricks ai_query()",
     ["databricks-fm", "community_connectors/databricks", "databricks/"],
     CC("README.md") + G("ai_query", "community_connectors", under="databricks/", ext="README.md"))])


# =====================================================================================
def main():
    assert len(Q) == 80, len(Q)
    for i, item in enumerate(Q, 1):
        item["id"] = f"b-{i:03d}"
    # split: fixed seed, balanced within each category
    rng = random.Random(34)
    cats = []
    for item in Q:
        if item["category"] not in cats:
            cats.append(item["category"])
    split = {}
    for cat in cats:
        ids = [it["id"] for it in Q if it["category"] == cat]
        rng.shuffle(ids)
        n_tune = len(ids) // 2
        if len(ids) % 2 and rng.random() < 0.5:
            n_tune += 1
        for j, _id in enumerate(ids):
            split[_id] = "tune" if j < n_tune else "report"
    out = []
    for item in Q:
        out.append({
            "id": item["id"],
            "category": item["category"],
            "question": item["question"],
            "style": item["style"],
            "origin": item["origin"],
            "facts": item["facts"],
            "split": split[item["id"]],
        })
    with open(os.path.join(HERE, "questions.json"), "w", encoding="utf-8") as f:
        json.dump(out, f, indent=2, ensure_ascii=False)
        f.write("\n")
    print(f"wrote {len(out)} questions")


if __name__ == "__main__":
    main()
