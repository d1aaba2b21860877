from openpes.cli import main

main()
