build/rel/main.o: src/main.c src/core/cli.h src/core/err.h \
 src/plan/plan.h src/core/cli.h
src/core/cli.h:
src/core/err.h:
src/plan/plan.h:
src/core/cli.h:
