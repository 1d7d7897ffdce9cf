build/rel/core/cli.o: src/core/cli.c src/core/cli.h src/core/err.h
src/core/cli.h:
src/core/err.h:
