/* fuzz_stored.c - libFuzzer target for reading stored records (the data of
 * an index's entries, read back from disk): the first byte chooses what the
 * rest is, a decoded payload (its fields unpacked, with and without a
 * member skipped) or a stored record (decoded whole and up to a text's
 * first bytes, then read as a payload). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void read_payload(const char *payload, size_t len)
{
	size_t fields_len = 0, text_len = 0;
	const char *text = NULL;
	tc_stored_split(payload, len, &fields_len, &text, &text_len);
	if (fields_len > len || (text && (text < payload || text + text_len > payload + len)))
		abort();
	for (int skip = 0; skip < 2; skip++) {
		/* a copy of its own: JSON fields are changed in place */
		char *copy = malloc(fields_len + 1);
		if (!copy)
			return;
		memcpy(copy, payload, fields_len);
		copy[fields_len] = '\0';
		json_t *record = tc_stored_fields(copy, fields_len, skip ? "outline" : NULL);
		if (record && (!json_is_object(record) || (skip && json_object_get(record, "outline"))))
			abort();
		json_decref(record);
		free(copy);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	const char *rest = (const char *)data + 1;
	size_t len = size - 1;
	if (data[0] & 1) {
		read_payload(rest, len);
		return 0;
	}
	tc_stored_codec *codec = tc_stored_codec_new();
	tc_buf out = {0};
	if (codec && tc_stored_decode(codec, rest, len, &out, NULL) == 0)
		read_payload(out.data, out.len);
	int whole = 0;
	if (codec && tc_stored_decode_upto(codec, rest, len, data[0] >> 1, &out, &whole) == 0)
		read_payload(out.data, out.len);
	tc_buf_free(&out);
	tc_stored_codec_free(codec);
	return 0;
}
