/*
 * replay: a plain main() for the libFuzzer targets, so `make check` can
 * replay every file of fuzz/corpus/<target>/ under ASan/UBSan with gcc and
 * no fuzzing engine. Usage: replay FILE...  Prints "replayed N inputs".
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char **argv)
{
	int i, n = 0;
	for (i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");
		unsigned char *data;
		long len;
		if (!f) {
			perror(argv[i]);
			return 1;
		}
		fseek(f, 0, SEEK_END);
		len = ftell(f);
		fseek(f, 0, SEEK_SET);
		data = malloc(len > 0 ? (size_t)len : 1);
		if (!data || (len > 0 && fread(data, 1, (size_t)len, f) != (size_t)len)) {
			fprintf(stderr, "%s: read failed\n", argv[i]);
			return 1;
		}
		fclose(f);
		LLVMFuzzerTestOneInput(data, (size_t)len);
		free(data);
		n++;
	}
	printf("replayed %d inputs\n", n);
	return 0;
}
