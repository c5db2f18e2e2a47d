import StationsCLI

StationsCommand.runMain()
