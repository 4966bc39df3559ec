from wat_werkt.cli.app import main

main()
