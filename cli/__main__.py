"""`python -m cli` runs the `assistant` command line."""

from cli.main import main

main()
