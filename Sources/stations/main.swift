import StationsCLI
import StationsServer

StationsCommand.extraSubcommands = [ServeCommand.self]
StationsCommand.runMain()
