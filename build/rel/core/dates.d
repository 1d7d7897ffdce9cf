build/rel/core/dates.o: src/core/dates.c src/core/dates.h src/core/err.h
src/core/dates.h:
src/core/err.h:
