/* read.c - reading plain and zstd-compressed files the same way: a whole
 * file at once, or line by line (corpus.h). A .zst file is recognised by its
 * magic number, whatever its name; a truncated or corrupt frame is an error
 * that names the byte offset in the compressed file. */
#include "corpus-private.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include <zstd.h>

#define READ_CHUNK (128 * 1024)

struct tc_line_reader {
	FILE *file;
	char *path;
	ZSTD_DCtx *dctx;      /* NULL for a plain file */
	unsigned char *in;    /* compressed input buffer (zstd) */
	ZSTD_inBuffer zin;    /* its unread part */
	long long in_offset;  /* compressed bytes read from the file so far */
	size_t frame_pending; /* ZSTD_decompressStream's last hint: 0 = at a frame boundary */
	int eof;              /* the file is exhausted */
	tc_buf data;          /* decompressed bytes not yet handed out */
	size_t pos;           /* start of the next line in data */
	tc_buf last;          /* the line handed out last (when it had to be copied) */
	long line_number;
};

static int is_zstd_magic(const unsigned char *p, size_t n)
{
	return n >= 4 && p[0] == 0x28 && p[1] == 0xB5 && p[2] == 0x2F && p[3] == 0xFD;
}

tc_status tc_line_reader_open(const char *path, tc_line_reader **reader, tc_error *err)
{
	*reader = NULL;
	tc_line_reader *r = tc_calloc(1, sizeof *r);
	if (!r)
		return tc_error_set(err, TC_ERR_NOMEM, "%s: out of memory", path);
	r->path = tc_strdup(path);
	if (!r->path) {
		tc_free(r);
		return tc_error_set(err, TC_ERR_NOMEM, "%s: out of memory", path);
	}
	r->file = fopen(path, "rb");
	if (!r->file) {
		tc_status st = tc_error_set(err, errno == ENOENT ? TC_ERR_NOT_FOUND : TC_ERR_IO, "%s: %s",
		                            path, strerror(errno));
		tc_line_reader_close(r);
		return st;
	}
	unsigned char magic[4];
	size_t got = fread(magic, 1, 4, r->file);
	if (is_zstd_magic(magic, got)) {
		r->dctx = ZSTD_createDCtx();
		r->in = tc_malloc(ZSTD_DStreamInSize());
		if (!r->dctx || !r->in) {
			tc_line_reader_close(r);
			return tc_error_set(err, TC_ERR_NOMEM, "%s: out of memory", path);
		}
		memcpy(r->in, magic, 4);
		r->zin.src = r->in;
		r->zin.size = 4;
		r->zin.pos = 0;
		r->in_offset = 4;
	} else if (got > 0 && tc_buf_append(&r->data, magic, got) < 0) {
		tc_line_reader_close(r);
		return tc_error_set(err, TC_ERR_NOMEM, "%s: out of memory", path);
	}
	if (got < 4)
		r->eof = feof(r->file) ? 1 : 0;
	*reader = r;
	return TC_OK;
}

/* Append more decompressed bytes to r->data. Returns 1 when bytes were
 * added, 0 at the end, -1 on error. */
static int fill(tc_line_reader *r, tc_error *err)
{
	if (!r->dctx) {
		if (r->eof)
			return 0;
		if (tc_buf_reserve(&r->data, READ_CHUNK) < 0) {
			tc_error_set(err, TC_ERR_NOMEM, "%s: out of memory", r->path);
			return -1;
		}
		size_t n = fread(r->data.data + r->data.len, 1, READ_CHUNK, r->file);
		if (n == 0) {
			if (ferror(r->file)) {
				tc_error_set(err, TC_ERR_IO, "%s: read error: %s", r->path, strerror(errno));
				return -1;
			}
			r->eof = 1;
			return 0;
		}
		r->data.len += n;
		r->data.data[r->data.len] = '\0';
		return 1;
	}
	for (;;) {
		if (r->zin.pos == r->zin.size && !r->eof) {
			size_t n = fread(r->in, 1, ZSTD_DStreamInSize(), r->file);
			if (n == 0) {
				if (ferror(r->file)) {
					tc_error_set(err, TC_ERR_IO, "%s: read error: %s", r->path,
					             strerror(errno));
					return -1;
				}
				r->eof = 1;
			}
			r->zin.src = r->in;
			r->zin.size = n;
			r->zin.pos = 0;
			r->in_offset += (long long)n;
		}
		if (r->zin.pos == r->zin.size && r->eof) {
			if (r->frame_pending) {
				tc_error_set(
				        err, TC_ERR_INPUT,
				        "%s: truncated zstd data: the file ends in the middle of a frame at "
				        "byte offset %lld",
				        r->path, r->in_offset);
				return -1;
			}
			return 0;
		}
		if (tc_buf_reserve(&r->data, ZSTD_DStreamOutSize()) < 0) {
			tc_error_set(err, TC_ERR_NOMEM, "%s: out of memory", r->path);
			return -1;
		}
		ZSTD_outBuffer zout = {r->data.data + r->data.len, ZSTD_DStreamOutSize(), 0};
		size_t before = r->zin.pos;
		size_t hint = ZSTD_decompressStream(r->dctx, &zout, &r->zin);
		if (ZSTD_isError(hint)) {
			/* zstd reads whole blocks: the bad byte lies in the input
			 * consumed by this call */
			long long chunk = r->in_offset - (long long)r->zin.size;
			tc_error_set(err, TC_ERR_INPUT,
			             "%s: corrupt zstd data near byte offset %lld (in bytes %lld-%lld of the "
			             "file): %s",
			             r->path, chunk + (long long)before, chunk + (long long)before,
			             chunk + (long long)r->zin.pos, ZSTD_getErrorName(hint));
			return -1;
		}
		r->frame_pending = hint;
		r->data.len += zout.pos;
		r->data.data[r->data.len] = '\0';
		if (zout.pos > 0)
			return 1;
	}
}

int tc_line_reader_next(tc_line_reader *reader, const char **line, size_t *len, tc_error *err)
{
	tc_line_reader *r = reader;
	size_t scan = r->pos;
	for (;;) {
		char *nl = r->data.len > scan ? memchr(r->data.data + scan, '\n', r->data.len - scan) : NULL;
		if (nl) {
			size_t start = r->pos, end = (size_t)(nl - r->data.data);
			r->pos = end + 1;
			if (end > start && r->data.data[end - 1] == '\r')
				end--;
			r->data.data[end] = '\0';
			*line = r->data.data + start;
			*len = end - start;
			r->line_number++;
			return 1;
		}
		/* Move the partial line to the front before reading more, so the
		 * buffer holds at most one line plus one chunk. */
		if (r->pos > 0) {
			memmove(r->data.data, r->data.data + r->pos, r->data.len - r->pos);
			r->data.len -= r->pos;
			r->data.data[r->data.len] = '\0';
			r->pos = 0;
		}
		scan = r->data.len;
		int rc = fill(r, err);
		if (rc < 0)
			return -1;
		if (rc == 0) {
			if (r->data.len == 0)
				return 0;
			/* a last line without "\n" */
			size_t end = r->data.len;
			if (end > 0 && r->data.data[end - 1] == '\r')
				end--;
			tc_buf_reset(&r->last);
			if (tc_buf_append(&r->last, r->data.data, end) < 0) {
				tc_error_set(err, TC_ERR_NOMEM, "%s: out of memory", r->path);
				return -1;
			}
			tc_buf_reset(&r->data);
			*line = r->last.data;
			*len = end;
			r->line_number++;
			return 1;
		}
	}
}

long tc_line_reader_line_number(const tc_line_reader *reader)
{
	return reader->line_number;
}

void tc_line_reader_close(tc_line_reader *reader)
{
	if (!reader)
		return;
	if (reader->file)
		fclose(reader->file);
	ZSTD_freeDCtx(reader->dctx);
	tc_free(reader->in);
	tc_buf_free(&reader->data);
	tc_buf_free(&reader->last);
	tc_free(reader->path);
	tc_free(reader);
}

tc_status tc__read_file_into(const char *path, tc_buf *buf, tc_error *err)
{
	tc_buf_reset(buf);
	tc_line_reader *r;
	tc_status st = tc_line_reader_open(path, &r, err);
	if (st != TC_OK)
		return st;
	/* decompress into BUF: swap it in as the reader's buffer */
	tc_buf first = r->data; /* the bytes read to check the magic number */
	r->data = *buf;
	if (first.len && tc_buf_append(&r->data, first.data, first.len) < 0) {
		*buf = r->data;
		r->data = first;
		tc_line_reader_close(r);
		return tc_error_set(err, TC_ERR_NOMEM, "%s: out of memory", path);
	}
	tc_buf_free(&first);
	/* size the buffer once: the frame header's content size, or the file's */
	size_t expect = 0;
	if (r->dctx) {
		unsigned char head[18]; /* ZSTD_FRAMEHEADERSIZE_MAX */
		memcpy(head, r->in, 4);
		size_t got = fread(head + 4, 1, sizeof head - 4, r->file);
		memcpy(r->in + 4, head + 4, got);
		r->zin.size = 4 + got;
		r->in_offset += (long long)got;
		unsigned long long size = ZSTD_getFrameContentSize(head, 4 + got);
		if (size != ZSTD_CONTENTSIZE_UNKNOWN && size != ZSTD_CONTENTSIZE_ERROR && size < (1ULL << 30))
			expect = (size_t)size + ZSTD_DStreamOutSize();
	} else {
		struct stat sb;
		if (fstat(fileno(r->file), &sb) == 0 && sb.st_size > 0 && sb.st_size < (1LL << 30))
			expect = (size_t)sb.st_size + READ_CHUNK;
	}
	int rc = 0;
	if (expect && tc_buf_reserve(&r->data, expect) < 0) {
		tc_error_set(err, TC_ERR_NOMEM, "%s: out of memory", path);
		rc = -1;
	}
	while (rc == 0 && (rc = fill(r, err)) > 0)
		rc = 0;
	if (rc == 0 && !r->data.data && tc_buf_reserve(&r->data, 1) < 0) {
		tc_error_set(err, TC_ERR_NOMEM, "%s: out of memory", path);
		rc = -1;
	}
	*buf = r->data;
	memset(&r->data, 0, sizeof r->data);
	tc_line_reader_close(r);
	if (rc < 0) {
		tc_buf_reset(buf);
		st = err ? err->code : TC_ERR_INPUT;
		return st ? st : TC_ERR_INPUT;
	}
	return TC_OK;
}

tc_status tc_read_file(const char *path, char **data, size_t *len, tc_error *err)
{
	tc_buf buf = {0};
	*data = NULL;
	*len = 0;
	tc_status st = tc__read_file_into(path, &buf, err);
	if (st != TC_OK) {
		tc_buf_free(&buf);
		return st;
	}
	*len = buf.len;
	*data = tc_buf_steal(&buf);
	return *data ? TC_OK : tc_error_set(err, TC_ERR_NOMEM, "%s: out of memory", path);
}

/* Whether PATH starts with the zstd magic number (corpus-private.h). */
int tc__file_is_zstd(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return 0;
	unsigned char magic[4];
	size_t got = fread(magic, 1, 4, f);
	fclose(f);
	return is_zstd_magic(magic, got);
}
