from wat_werkt.cli import main

main()
