/* xapian-c.cc - the C API over Xapian 1.4 (see xapian-c.h).
 *
 * Every entry point is a try block whose catch (...) hands the exception to
 * _xc_error_from_exception, which turns it into a status and a message: no
 * C++ exception crosses the C boundary. Handles are allocated with
 * tc_malloc (and built in place) so that the allocation-failure hook of
 * common.h reaches them too. */
#include "xapian-c-private.h"

#include <cassert>
#include <cerrno>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <new>
#include <utility>
#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include <cstdlib>

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- writers' flush threshold ---- */

/* How many changed documents a writer's inverter holds before Xapian merges
 * them into its tables (XAPIAN_FLUSH_THRESHOLD, read as a writable database
 * opens; Xapian's default is 10,000). Within the transactions of
 * xc_writer_open a flush never commits, so this moves no commit; it only
 * keeps the inverter's maps small, where looking a term up costs less than
 * merging oftener. tracuu index over the pháp điển (release, two threads):
 * 10,000: 253 s wall, 357 s CPU, peak RSS 636 MB; 2,500: 197 s, 268 s,
 * 282 MB; 1,000: 189 s, 249 s, 189 MB; 400: 185 s, 228 s, 140 MB (the
 * database 0.7 % larger before compaction). Set once, before main() and
 * its threads, unless the environment already says. */
#define XC_FLUSH_THRESHOLD "400"

__attribute__((constructor)) static void _xc_default_flush_threshold(void)
{
	setenv("XAPIAN_FLUSH_THRESHOLD", XC_FLUSH_THRESHOLD, 0);
}

/* ---- helpers ---- */

/* Build a T in tc_malloc'd memory; std::bad_alloc when that fails. */
template <typename T, typename... Args> static T *_xc_new(Args &&...args)
{
	void *mem = tc_malloc(sizeof(T));
	if (!mem)
		throw std::bad_alloc();
	try {
		return new (mem) T(std::forward<Args>(args)...);
	} catch (...) {
		tc_free(mem);
		throw;
	}
}

template <typename T> static void _xc_delete(T *object) noexcept
{
	if (object) {
		object->~T();
		tc_free(object);
	}
}

static bool _xc_path_missing(const char *path) noexcept
{
	struct stat st;
	return path && stat(path, &st) != 0 && errno == ENOENT;
}

/* The pid recorded by the writer holding the lock on PATH, or 0 when there
 * is none or it names no running process (a writer that crashed leaves its
 * file behind; the lock then belongs to some other program). */
static long _xc_lock_holder(const char *path) noexcept
{
	char file[4096];
	if (snprintf(file, sizeof file, "%s/%s", path, XC_WRITER_PID_FILE) >= (int)sizeof file)
		return 0;
	int fd = open(file, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	char text[32];
	ssize_t n = read(fd, text, sizeof text - 1);
	close(fd);
	if (n <= 0)
		return 0;
	text[n] = '\0';
	char *end;
	long pid = strtol(text, &end, 10);
	if (pid <= 0 || (*end != '\0' && *end != '\n'))
		return 0;
	if (kill((pid_t)pid, 0) != 0 && errno != EPERM)
		return 0;
	return pid;
}

xc_status _xc_error_from_exception(tc_error *err, const char *path, const char *fmt, ...) noexcept
{
	char what[TC_ERROR_MESSAGE_MAX];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);

	try {
		try {
			throw;
		} catch (const Xapian::DatabaseLockError &e) {
			/* Xapian says "already locked" only when another writer
			 * holds the lock; otherwise the lock file could not be made
			 * (a read-only filesystem, no permission): say that. */
			if (e.get_msg().find("already locked") == std::string::npos) {
				int why = path && access(path, W_OK) != 0 ? errno : 0;
				return tc_error_set(err, TC_ERR_IO, "cannot write to index '%s': %s", path ? path : what,
				                    why ? strerror(why) : e.get_description().c_str());
			}
			long pid = path ? _xc_lock_holder(path) : 0;
			if (pid)
				return tc_error_set(
				        err, TC_ERR_LOCKED,
				        "index is locked by pid %ld (another writer is running): %s", pid,
				        path);
			return tc_error_set(err, TC_ERR_LOCKED, "index is locked by another writer: %s",
			                    path ? path : what);
		} catch (const Xapian::DatabaseNotFoundError &e) {
			if (path)
				return tc_error_set(err, TC_ERR_NOT_FOUND,
				                    "no index at '%s' (run 'tracuu index' first)", path);
			return tc_error_set(err, TC_ERR_NOT_FOUND, "%s: %s", what,
			                    e.get_description().c_str());
		} catch (const Xapian::DatabaseVersionError &e) {
			return tc_error_set(err, TC_ERR_VERSION,
			                    "%s: %s (rebuild the index with 'tracuu index')", what,
			                    e.get_description().c_str());
		} catch (const Xapian::DatabaseOpeningError &e) {
			if (_xc_path_missing(path))
				return tc_error_set(err, TC_ERR_NOT_FOUND,
				                    "no index at '%s' (run 'tracuu index' first)", path);
			/* A plain file is read as a stub database (a list of
			 * shards): say so, it is usually a wrong path. */
			struct stat st;
			bool is_file = path && stat(path, &st) == 0 && S_ISREG(st.st_mode);
			return tc_error_set(err, TC_ERR_XAPIAN, "%s: not a usable Xapian database%s: %s",
			                    what, is_file ? " (a file, not an index directory)" : "",
			                    e.get_description().c_str());
		} catch (const Xapian::DocNotFoundError &e) {
			return tc_error_set(err, TC_ERR_NOT_FOUND, "%s: %s", what,
			                    e.get_description().c_str());
		} catch (const Xapian::WildcardError &e) {
			return tc_error_set(err, TC_ERR_LIMIT, "%s: %s (use a longer prefix)", what,
			                    e.get_description().c_str());
		} catch (const Xapian::QueryParserError &e) {
			return tc_error_set(err, TC_ERR_INPUT, "%s: %s", what, e.get_description().c_str());
		} catch (const Xapian::Error &e) {
			return tc_error_set(err, TC_ERR_XAPIAN, "%s: %s", what, e.get_description().c_str());
		} catch (const std::bad_alloc &) {
			return tc_error_set(err, TC_ERR_NOMEM, "%s: out of memory", what);
		} catch (const std::exception &e) {
			return tc_error_set(err, TC_ERR_INTERNAL, "%s: %s", what, e.what());
		} catch (...) {
			return tc_error_set(err, TC_ERR_INTERNAL, "%s: unknown C++ exception", what);
		}
	} catch (...) {
		/* get_description() itself failed (out of memory). */
		return tc_error_set(err, TC_ERR_NOMEM, "%s: out of memory while describing an error", what);
	}
}

xc_status _xc_check_term(const char *term, size_t len, const char *what, tc_error *err) noexcept
{
	if (len == 0)
		return tc_error_set(err, TC_ERR_INPUT, "%s: empty term", what);
	if (len > XC_MAX_TERM_LENGTH) {
		/* Name the term by its first bytes, cut on a UTF-8 boundary. */
		size_t shown = 40;
		while (shown > 0 && ((unsigned char)term[shown] & 0xC0) == 0x80)
			shown--;
		return tc_error_set(err, TC_ERR_LIMIT, "%s: term too long (%zu bytes, at most %d): '%.*s...'",
		                    what, len, XC_MAX_TERM_LENGTH, (int)shown, term);
	}
	return TC_OK;
}

xc_status _xc_copy_out(const std::string &bytes, char **out, size_t *len, const char *what,
                       tc_error *err) noexcept
{
	char *copy = (char *)tc_malloc(bytes.size() + 1);
	if (!copy)
		return tc_error_set(err, TC_ERR_NOMEM, "%s: out of memory (%zu bytes)", what, bytes.size());
	memcpy(copy, bytes.data(), bytes.size());
	copy[bytes.size()] = '\0';
	*out = copy;
	if (len)
		*len = bytes.size();
	return TC_OK;
}

/* ---- writer ---- */

/* Record our pid for the lock message of the next writer (best effort: a
 * read-only directory only costs the pid in that message). */
static void _xc_writer_write_pid(xc_writer *writer)
{
	std::string file = writer->path + "/" XC_WRITER_PID_FILE;
	int fd = open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return;
	char text[32];
	int n = snprintf(text, sizeof text, "%ld\n", (long)getpid());
	bool ok = write(fd, text, (size_t)n) == n;
	if (close(fd) == 0 && ok)
		writer->pid_file = std::move(file);
	else
		unlink(file.c_str());
}

/* True when PATH is a directory with glass tables or their temporary
 * files but without the version file that creation writes last. */
static bool _xc_creation_interrupted(const char *path) noexcept
{
	struct stat st;
	if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode))
		return false;
	std::string dir(path);
	if (access((dir + "/iamglass").c_str(), F_OK) == 0)
		return false;
	for (const char *file : {"/postlist.glass", "/termlist.glass", "/v.tmp", "/flintlock"})
		if (access((dir + file).c_str(), F_OK) == 0)
			return true;
	return false;
}

xc_status xc_writer_open(const char *path, xc_open_mode mode, xc_writer **writer, tc_error *err)
{
	assert(path && writer);
	*writer = NULL;
	int flags;
	switch (mode) {
	case XC_OPEN_CREATE_OR_OPEN:
		/* A directory holding table files but no version file is a
		 * database whose creation was killed before it finished:
		 * nothing was ever committed to it, and Xapian will not open
		 * it. Create it again over what is there. */
		flags = _xc_creation_interrupted(path) ? Xapian::DB_CREATE_OR_OVERWRITE
		                                       : Xapian::DB_CREATE_OR_OPEN;
		break;
	case XC_OPEN_CREATE_OR_OVERWRITE: flags = Xapian::DB_CREATE_OR_OVERWRITE; break;
	case XC_OPEN_EXISTING: flags = Xapian::DB_OPEN; break;
	default:
		return tc_error_set(err, TC_ERR_INPUT, "cannot open index '%s' for writing: bad mode %d",
		                    path, mode);
	}
	xc_writer *opened = NULL;
	try {
		opened = _xc_new<xc_writer>();
		opened->path = path;
		opened->db = Xapian::WritableDatabase(path, flags);
		/* Everything a writer does waits for its next commit: inside an
		 * unflushed transaction Xapian never commits on its own (it
		 * would after XAPIAN_FLUSH_THRESHOLD changes), so what a caller
		 * commits together in several databases stays together. */
		opened->db.begin_transaction(false);
		opened->in_transaction = true;
		_xc_writer_write_pid(opened);
		*writer = opened;
		return TC_OK;
	} catch (...) {
		_xc_delete(opened);
		return _xc_error_from_exception(err, path, "cannot open index '%s' for writing", path);
	}
}

xc_status xc_writer_add(xc_writer *writer, const xc_doc *doc, xc_docid *docid, tc_error *err)
{
	assert(writer && doc);
	try {
		Xapian::docid added = writer->db.add_document(doc->doc);
		if (docid)
			*docid = added;
		return TC_OK;
	} catch (...) {
		return _xc_error_from_exception(err, writer->path.c_str(),
		                                "cannot add a document to index '%s'", writer->path.c_str());
	}
}

xc_status xc_writer_replace(xc_writer *writer, const char *unique_term, const xc_doc *doc, xc_docid *docid,
                            tc_error *err)
{
	assert(writer && unique_term && doc);
	xc_status status = _xc_check_term(unique_term, strlen(unique_term), "cannot replace a document", err);
	if (status != TC_OK)
		return status;
	try {
		Xapian::docid replaced = writer->db.replace_document(unique_term, doc->doc);
		if (docid)
			*docid = replaced;
		return TC_OK;
	} catch (...) {
		return _xc_error_from_exception(err, writer->path.c_str(),
		                                "cannot replace document '%s' in index '%s'", unique_term,
		                                writer->path.c_str());
	}
}

xc_status xc_writer_replace_docid(xc_writer *writer, xc_docid docid, const xc_doc *doc, tc_error *err)
{
	assert(writer && doc);
	if (docid == 0)
		return tc_error_set(err, TC_ERR_INPUT,
		                    "cannot replace document 0 in index '%s': no such docid",
		                    writer->path.c_str());
	try {
		writer->db.replace_document(docid, doc->doc);
		return TC_OK;
	} catch (...) {
		return _xc_error_from_exception(err, writer->path.c_str(),
		                                "cannot replace docid %u in index '%s'", docid,
		                                writer->path.c_str());
	}
}

xc_status xc_writer_delete(xc_writer *writer, const char *unique_term, tc_error *err)
{
	assert(writer && unique_term);
	if (!*unique_term)
		return tc_error_set(err, TC_ERR_INPUT, "cannot delete from index '%s': empty unique term",
		                    writer->path.c_str());
	try {
		writer->db.delete_document(std::string(unique_term));
		return TC_OK;
	} catch (...) {
		return _xc_error_from_exception(err, writer->path.c_str(),
		                                "cannot delete document '%s' from index '%s'", unique_term,
		                                writer->path.c_str());
	}
}

xc_status xc_writer_delete_docid(xc_writer *writer, xc_docid docid, tc_error *err)
{
	assert(writer);
	try {
		writer->db.delete_document(docid);
		return TC_OK;
	} catch (...) {
		return _xc_error_from_exception(err, writer->path.c_str(),
		                                "cannot delete docid %u from index '%s'", docid,
		                                writer->path.c_str());
	}
}

xc_status xc_writer_commit(xc_writer *writer, tc_error *err)
{
	assert(writer);
	try {
		/* a commit that failed left no transaction behind */
		if (writer->in_transaction) {
			writer->in_transaction = false;
			writer->db.commit_transaction();
		}
		writer->db.commit();
		writer->db.begin_transaction(false);
		writer->in_transaction = true;
		return TC_OK;
	} catch (...) {
		return _xc_error_from_exception(err, writer->path.c_str(), "cannot commit index '%s'",
		                                writer->path.c_str());
	}
}

xc_status xc_writer_set_metadata(xc_writer *writer, const char *key, const char *value, size_t len,
                                 tc_error *err)
{
	assert(writer && key && (value || len == 0));
	if (!*key)
		return tc_error_set(err, TC_ERR_INPUT, "cannot set metadata in index '%s': empty key",
		                    writer->path.c_str());
	try {
		writer->db.set_metadata(key, std::string(value ? value : "", len));
		return TC_OK;
	} catch (...) {
		return _xc_error_from_exception(err, writer->path.c_str(),
		                                "cannot set metadata '%s' in index '%s'", key,
		                                writer->path.c_str());
	}
}

xc_status xc_writer_get_metadata(xc_writer *writer, const char *key, char **value, size_t *len, tc_error *err)
{
	assert(writer && key && value);
	*value = NULL;
	if (!*key)
		return tc_error_set(err, TC_ERR_INPUT, "cannot read metadata in index '%s': empty key",
		                    writer->path.c_str());
	try {
		return _xc_copy_out(writer->db.get_metadata(key), value, len, "cannot read metadata", err);
	} catch (...) {
		return _xc_error_from_exception(err, writer->path.c_str(), "cannot read metadata '%s' in index '%s'",
		                                key, writer->path.c_str());
	}
}

xc_status xc_writer_doc_count(xc_writer *writer, uint32_t *count, tc_error *err)
{
	assert(writer && count);
	try {
		*count = writer->db.get_doccount();
		return TC_OK;
	} catch (...) {
		return _xc_error_from_exception(err, writer->path.c_str(),
		                                "cannot count documents in index '%s'", writer->path.c_str());
	}
}

/* The first document of DB indexed by TERM, or 0. */
static Xapian::docid _xc_find(const Xapian::Database &db, const std::string &term)
{
	Xapian::PostingIterator it = db.postlist_begin(term);
	return it == db.postlist_end(term) ? 0 : *it;
}

xc_status xc_writer_find(xc_writer *writer, const char *unique_term, xc_docid *docid, tc_error *err)
{
	assert(writer && unique_term && docid);
	*docid = 0;
	try {
		*docid = _xc_find(writer->db, unique_term);
		return TC_OK;
	} catch (...) {
		return _xc_error_from_exception(err, writer->path.c_str(),
		                                "cannot look up '%s' in index '%s'", unique_term,
		                                writer->path.c_str());
	}
}

xc_status xc_writer_get_value(xc_writer *writer, xc_docid docid, unsigned slot, char **value, size_t *len,
                              tc_error *err)
{
	assert(writer && value);
	*value = NULL;
	try {
		return _xc_copy_out(writer->db.get_document(docid).get_value(slot), value, len,
		                    "cannot read a value", err);
	} catch (...) {
		return _xc_error_from_exception(err, writer->path.c_str(),
		                                "cannot read value %u of docid %u in index '%s'", slot, docid,
		                                writer->path.c_str());
	}
}

/* Walk the terms of DB starting with PREFIX, at most MAX (0: all); shared
 * by the writer's and the reader's each_term. */
template <typename Fn>
static void _xc_each_term(const Xapian::Database &db, const std::string &prefix, size_t max, Fn fn,
                          int *truncated)
{
	size_t seen = 0;
	if (truncated)
		*truncated = 0;
	for (Xapian::TermIterator it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
		if (max && seen == max) {
			if (truncated)
				*truncated = 1;
			return;
		}
		seen++;
		const std::string &term = *it;
		if (fn(term, it))
			return;
	}
}

xc_status xc_writer_each_term(xc_writer *writer, const char *prefix,
                              int (*fn)(void *ctx, const char *term, size_t len), void *ctx, tc_error *err)
{
	assert(writer && fn);
	const char *shown = prefix ? prefix : "";
	try {
		_xc_each_term(
		        writer->db, shown, 0,
		        [&](const std::string &term, Xapian::TermIterator &) {
			        return fn(ctx, term.data(), term.size()) != 0;
		        },
		        NULL);
		return TC_OK;
	} catch (...) {
		return _xc_error_from_exception(err, writer->path.c_str(),
		                                "cannot list terms starting with '%s' in index '%s'", shown,
		                                writer->path.c_str());
	}
}

/* Walk the terms of document DOCID of DB starting with PREFIX; shared by
 * the writer's and the reader's doc_terms. */
static void _xc_doc_terms(const Xapian::Database &db, xc_docid docid, const char *prefix,
                          int (*fn)(void *ctx, const char *term, size_t len), void *ctx)
{
	const std::string wanted(prefix ? prefix : "");
	Xapian::TermIterator it = db.termlist_begin(docid);
	Xapian::TermIterator end = db.termlist_end(docid);
	if (!wanted.empty())
		it.skip_to(wanted);
	for (; it != end; ++it) {
		const std::string &term = *it;
		if (term.compare(0, wanted.size(), wanted) != 0)
			break;
		if (fn(ctx, term.data(), term.size()))
			break;
	}
}

xc_status xc_writer_doc_terms(xc_writer *writer, xc_docid docid, const char *prefix,
                              int (*fn)(void *ctx, const char *term, size_t len), void *ctx, tc_error *err)
{
	assert(writer && fn);
	try {
		_xc_doc_terms(writer->db, docid, prefix, fn, ctx);
		return TC_OK;
	} catch (...) {
		return _xc_error_from_exception(err, writer->path.c_str(), "cannot list the terms of docid %u in index '%s'",
		                                docid, writer->path.c_str());
	}
}

xc_status xc_writer_close(xc_writer *writer, int discard, tc_error *err)
{
	if (!writer)
		return TC_OK;
	xc_status status = TC_OK;
	/* Remove our pid before letting go of the lock: afterwards the file
	 * may already belong to the next writer. */
	if (!writer->pid_file.empty())
		unlink(writer->pid_file.c_str());
	try {
		/* The writer's unflushed transaction holds everything since the
		 * last commit (one begun now, after a failed commit, drops what
		 * is pending before it): cancelled, close() has nothing to
		 * commit. */
		if (discard) {
			if (!writer->in_transaction)
				writer->db.begin_transaction(false);
			writer->db.cancel_transaction();
		} else if (writer->in_transaction) {
			writer->db.commit_transaction();
		}
		writer->in_transaction = false;
		writer->db.close();
	} catch (...) {
		status = _xc_error_from_exception(err, writer->path.c_str(), "cannot close index '%s'",
		                                  writer->path.c_str());
	}
	_xc_delete(writer);
	return status;
}

xc_status xc_compact(const char *src, const char *dst, tc_error *err)
{
	assert(src && dst);
	const char *path = src;
	try {
		Xapian::Database db(src);
		path = dst;
		db.compact(dst);
		return TC_OK;
	} catch (...) {
		return _xc_error_from_exception(err, path, "cannot compact index '%s' into '%s'", src, dst);
	}
}

/* ---- documents ---- */

xc_status xc_doc_new(xc_doc **doc, tc_error *err)
{
	assert(doc);
	*doc = NULL;
	try {
		*doc = _xc_new<xc_doc>();
		return TC_OK;
	} catch (...) {
		return _xc_error_from_exception(err, NULL, "cannot create a document");
	}
}

void xc_doc_free(xc_doc *doc)
{
	_xc_delete(doc);
}

void xc_doc_clear(xc_doc *doc)
{
	assert(doc);
	try {
		doc->doc.clear_terms();
		doc->doc.clear_values();
		doc->doc.set_data(std::string());
	} catch (...) {
		/* A fresh document cannot fail to clear: nothing to read back.
		 * Should it ever, start over with a new empty one. */
		doc->doc = Xapian::Document();
	}
}

xc_status xc_doc_add_posting(xc_doc *doc, const char *term, size_t len, uint32_t position, uint32_t wdf_inc,
                             tc_error *err)
{
	assert(doc && term);
	xc_status status = _xc_check_term(term, len, "cannot add a posting", err);
	if (status != TC_OK)
		return status;
	try {
		doc->doc.add_posting(std::string(term, len), position, wdf_inc);
		return TC_OK;
	} catch (...) {
		return _xc_error_from_exception(err, NULL, "cannot add posting '%.*s' at %u", (int)len, term,
		                                position);
	}
}

xc_status xc_doc_add_term(xc_doc *doc, const char *term, size_t len, uint32_t wdf_inc, tc_error *err)
{
	assert(doc && term);
	xc_status status = _xc_check_term(term, len, "cannot add a term", err);
	if (status != TC_OK)
		return status;
	try {
		doc->doc.add_term(std::string(term, len), wdf_inc);
		return TC_OK;
	} catch (...) {
		return _xc_error_from_exception(err, NULL, "cannot add term '%.*s'", (int)len, term);
	}
}

xc_status xc_doc_add_boolean_term(xc_doc *doc, const char *term, size_t len, tc_error *err)
{
	assert(doc && term);
	xc_status status = _xc_check_term(term, len, "cannot add a boolean term", err);
	if (status != TC_OK)
		return status;
	try {
		doc->doc.add_boolean_term(std::string(term, len));
		return TC_OK;
	} catch (...) {
		return _xc_error_from_exception(err, NULL, "cannot add boolean term '%.*s'", (int)len, term);
	}
}

xc_status xc_doc_set_value(xc_doc *doc, unsigned slot, const void *value, size_t len, tc_error *err)
{
	assert(doc && (value || len == 0));
	if (slot == Xapian::BAD_VALUENO)
		return tc_error_set(err, TC_ERR_INPUT, "cannot set value: slot %u is reserved", slot);
	try {
		doc->doc.add_value(slot, std::string(value ? (const char *)value : "", len));
		return TC_OK;
	} catch (...) {
		return _xc_error_from_exception(err, NULL, "cannot set value slot %u (%zu bytes)", slot, len);
	}
}

xc_status xc_doc_set_data(xc_doc *doc, const void *data, size_t len, tc_error *err)
{
	assert(doc && (data || len == 0));
	try {
		doc->doc.set_data(std::string(data ? (const char *)data : "", len));
		return TC_OK;
	} catch (...) {
		return _xc_error_from_exception(err, NULL, "cannot set document data (%zu bytes)", len);
	}
}

/* ---- reader ---- */

xc_status xc_reader_open(const char *path, xc_reader **reader, tc_error *err)
{
	assert(path && reader);
	*reader = NULL;
	xc_reader *opened = NULL;
	std::string one; /* the database being opened, for the message */
	try {
		opened = _xc_new<xc_reader>();
		opened->paths = path;
		size_t start = 0;
		for (;;) {
			size_t colon = opened->paths.find(':', start);
			one = opened->paths.substr(start, colon == std::string::npos ? std::string::npos
			                                                             : colon - start);
			if (one.empty()) {
				_xc_delete(opened);
				return tc_error_set(
				        err, TC_ERR_INPUT,
				        "cannot open index '%s': empty path in the ':'-separated list", path);
			}
			opened->db.add_database(Xapian::Database(one));
			if (colon == std::string::npos)
				break;
			start = colon + 1;
		}
		*reader = opened;
		return TC_OK;
	} catch (...) {
		_xc_delete(opened);
		/* one may be empty if the failure came before it was set. */
		const char *failed = one.empty() ? path : one.c_str();
		return _xc_error_from_exception(err, failed, "cannot open index '%s' for reading", failed);
	}
}

void xc_reader_free(xc_reader *reader)
{
	_xc_delete(reader);
}

xc_status xc_reader_reopen(xc_reader *reader, int *changed, tc_error *err)
{
	assert(reader);
	try {
		bool moved = reader->db.reopen();
		if (changed)
			*changed = moved;
		return TC_OK;
	} catch (...) {
		return _xc_error_from_exception(err, NULL, "cannot reopen index '%s'", reader->paths.c_str());
	}
}

xc_status xc_reader_revision(xc_reader *reader, uint64_t *revision, tc_error *err)
{
	assert(reader);
	try {
		*revision = (uint64_t)reader->db.get_revision();
		return TC_OK;
	} catch (...) {
		return _xc_error_from_exception(err, NULL, "cannot read the revision of index '%s'",
		                                reader->paths.c_str());
	}
}

xc_status xc_reader_uuid(xc_reader *reader, char **uuid, tc_error *err)
{
	assert(reader && uuid);
	*uuid = NULL;
	try {
		std::string id = reader->db.get_uuid();
		return _xc_copy_out(id, uuid, NULL, "cannot read a database's UUID", err);
	} catch (...) {
		return _xc_error_from_exception(err, NULL, "cannot read the UUID of index '%s'",
		                                reader->paths.c_str());
	}
}

xc_status xc_reader_doc_count(xc_reader *reader, uint32_t *count, tc_error *err)
{
	assert(reader && count);
	try {
		*count = reader->db.get_doccount();
		return TC_OK;
	} catch (...) {
		return _xc_error_from_exception(err, NULL, "cannot count documents in index '%s'",
		                                reader->paths.c_str());
	}
}

xc_status xc_reader_avg_length(xc_reader *reader, double *avg, tc_error *err)
{
	assert(reader && avg);
	try {
		*avg = reader->db.get_avlength();
		return TC_OK;
	} catch (...) {
		return _xc_error_from_exception(err, NULL, "cannot read the average length in index '%s'",
		                                reader->paths.c_str());
	}
}

xc_status xc_reader_term_freq(xc_reader *reader, const char *term, size_t len, uint32_t *freq, tc_error *err)
{
	assert(reader && term && freq);
	try {
		*freq = reader->db.get_termfreq(std::string(term, len));
		return TC_OK;
	} catch (...) {
		return _xc_error_from_exception(err, NULL,
		                                "cannot read the frequency of '%.*s' in index '%s'", (int)len,
		                                term, reader->paths.c_str());
	}
}

xc_status xc_reader_collection_freq(xc_reader *reader, const char *term, size_t len, uint64_t *freq,
                                    tc_error *err)
{
	assert(reader && term && freq);
	try {
		*freq = reader->db.get_collection_freq(std::string(term, len));
		return TC_OK;
	} catch (...) {
		return _xc_error_from_exception(
		        err, NULL, "cannot read the collection frequency of '%.*s' in index '%s'", (int)len,
		        term, reader->paths.c_str());
	}
}

xc_status xc_reader_find(xc_reader *reader, const char *unique_term, xc_docid *docid, tc_error *err)
{
	assert(reader && unique_term && docid);
	*docid = 0;
	try {
		*docid = _xc_find(reader->db, unique_term);
		return TC_OK;
	} catch (...) {
		return _xc_error_from_exception(err, NULL, "cannot look up '%s' in index '%s'", unique_term,
		                                reader->paths.c_str());
	}
}

xc_status xc_reader_get_data(xc_reader *reader, xc_docid docid, char **data, size_t *len, tc_error *err)
{
	assert(reader && data);
	*data = NULL;
	try {
		return _xc_copy_out(reader->db.get_document(docid).get_data(), data, len,
		                    "cannot read document data", err);
	} catch (...) {
		return _xc_error_from_exception(err, NULL, "cannot read the data of docid %u in index '%s'",
		                                docid, reader->paths.c_str());
	}
}

xc_status xc_reader_get_value(xc_reader *reader, xc_docid docid, unsigned slot, char **value, size_t *len,
                              tc_error *err)
{
	assert(reader && value);
	*value = NULL;
	try {
		return _xc_copy_out(reader->db.get_document(docid).get_value(slot), value, len,
		                    "cannot read a value", err);
	} catch (...) {
		return _xc_error_from_exception(err, NULL, "cannot read value %u of docid %u in index '%s'",
		                                slot, docid, reader->paths.c_str());
	}
}

xc_status xc_reader_doc_terms(xc_reader *reader, xc_docid docid, const char *prefix,
                              int (*fn)(void *ctx, const char *term, size_t len), void *ctx, tc_error *err)
{
	assert(reader && fn);
	try {
		_xc_doc_terms(reader->db, docid, prefix, fn, ctx);
		return TC_OK;
	} catch (...) {
		return _xc_error_from_exception(err, NULL, "cannot list the terms of docid %u in index '%s'",
		                                docid, reader->paths.c_str());
	}
}

xc_status xc_reader_each_term(xc_reader *reader, const char *prefix, size_t max,
                              int (*fn)(void *ctx, const char *term, size_t len, uint32_t freq), void *ctx,
                              int *truncated, tc_error *err)
{
	assert(reader && fn);
	const char *shown = prefix ? prefix : "";
	if (truncated)
		*truncated = 0;
	try {
		_xc_each_term(
		        reader->db, shown, max,
		        [&](const std::string &term, Xapian::TermIterator &it) {
			        return fn(ctx, term.data(), term.size(), it.get_termfreq()) != 0;
		        },
		        truncated);
		return TC_OK;
	} catch (...) {
		return _xc_error_from_exception(err, NULL,
		                                "cannot list terms starting with '%s' in index '%s'", shown,
		                                reader->paths.c_str());
	}
}

xc_status xc_reader_get_metadata(xc_reader *reader, const char *key, char **value, size_t *len, tc_error *err)
{
	assert(reader && key && value);
	*value = NULL;
	if (!*key)
		return tc_error_set(err, TC_ERR_INPUT, "cannot read metadata in index '%s': empty key",
		                    reader->paths.c_str());
	try {
		return _xc_copy_out(reader->db.get_metadata(key), value, len, "cannot read metadata", err);
	} catch (...) {
		return _xc_error_from_exception(err, NULL, "cannot read metadata '%s' in index '%s'", key,
		                                reader->paths.c_str());
	}
}

/* ---- queries ---- */

static xc_status _xc_query_out(Xapian::Query &&built, xc_query **query)
{
	*query = _xc_new<xc_query>();
	(*query)->query = std::move(built);
	return TC_OK;
}

xc_status xc_query_term(const char *term, size_t len, uint32_t wqf, uint32_t position, xc_query **query,
                        tc_error *err)
{
	assert(term && query);
	*query = NULL;
	if (len == 0)
		return tc_error_set(err, TC_ERR_INPUT, "cannot build a term query: empty term");
	try {
		return _xc_query_out(Xapian::Query(std::string(term, len), wqf, position), query);
	} catch (...) {
		return _xc_error_from_exception(err, NULL, "cannot build a query for term '%.*s'", (int)len,
		                                term);
	}
}

static const char *_xc_op_name(xc_query_op op)
{
	switch (op) {
	case XC_OP_AND: return "AND";
	case XC_OP_OR: return "OR";
	case XC_OP_AND_NOT: return "AND_NOT";
	case XC_OP_AND_MAYBE: return "AND_MAYBE";
	case XC_OP_FILTER: return "FILTER";
	case XC_OP_SYNONYM: return "SYNONYM";
	case XC_OP_MAX: return "MAX";
	case XC_OP_ELITE_SET: return "ELITE_SET";
	case XC_OP_PHRASE: return "PHRASE";
	case XC_OP_NEAR: return "NEAR";
	}
	return "?";
}

xc_status xc_query_combine(xc_query_op op, xc_query *const *subqueries, size_t n, uint32_t window,
                           xc_query **query, tc_error *err)
{
	assert(query && (subqueries || n == 0));
	*query = NULL;
	Xapian::Query::op xop;
	switch (op) {
	case XC_OP_AND: xop = Xapian::Query::OP_AND; break;
	case XC_OP_OR: xop = Xapian::Query::OP_OR; break;
	case XC_OP_AND_NOT: xop = Xapian::Query::OP_AND_NOT; break;
	case XC_OP_AND_MAYBE: xop = Xapian::Query::OP_AND_MAYBE; break;
	case XC_OP_FILTER: xop = Xapian::Query::OP_FILTER; break;
	case XC_OP_SYNONYM: xop = Xapian::Query::OP_SYNONYM; break;
	case XC_OP_MAX: xop = Xapian::Query::OP_MAX; break;
	case XC_OP_ELITE_SET: xop = Xapian::Query::OP_ELITE_SET; break;
	case XC_OP_PHRASE: xop = Xapian::Query::OP_PHRASE; break;
	case XC_OP_NEAR: xop = Xapian::Query::OP_NEAR; break;
	default:
		return tc_error_set(err, TC_ERR_INPUT, "cannot combine queries: unknown operator %d",
		                    (int)op);
	}
	for (size_t i = 0; i < n; i++)
		if (!subqueries[i])
			return tc_error_set(err, TC_ERR_INPUT,
			                    "cannot combine queries with %s: subquery %zu is NULL",
			                    _xc_op_name(op), i);
	try {
		if (n == 0)
			return _xc_query_out(Xapian::Query(Xapian::Query::MatchNothing), query);
		std::vector<Xapian::Query> parts;
		parts.reserve(n);
		for (size_t i = 0; i < n; i++)
			parts.push_back(subqueries[i]->query);
		Xapian::termcount parameter = (op == XC_OP_PHRASE || op == XC_OP_NEAR) ? window : 0;
		return _xc_query_out(Xapian::Query(xop, parts.begin(), parts.end(), parameter), query);
	} catch (...) {
		return _xc_error_from_exception(err, NULL, "cannot combine %zu queries with %s", n,
		                                _xc_op_name(op));
	}
}

xc_status xc_query_scale(const xc_query *query, double factor, xc_query **scaled, tc_error *err)
{
	assert(query && scaled);
	*scaled = NULL;
	if (!(factor >= 0))
		return tc_error_set(err, TC_ERR_INPUT, "cannot scale a query: factor %g must be >= 0",
		                    factor);
	try {
		return _xc_query_out(Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, query->query, factor),
		                     scaled);
	} catch (...) {
		return _xc_error_from_exception(err, NULL, "cannot scale a query by %g", factor);
	}
}

xc_status xc_query_constant(const xc_query *match, double weight, xc_query **query, tc_error *err)
{
	assert(match && query);
	*query = NULL;
	if (!(weight >= 0))
		return tc_error_set(err, TC_ERR_INPUT, "a constant weight must be >= 0, not %g", weight);
	try {
		/* Query takes over the posting source through release(). */
		Xapian::PostingSource *fixed = (new Xapian::FixedWeightPostingSource(weight))->release();
		return _xc_query_out(Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(fixed), match->query),
		                     query);
	} catch (...) {
		return _xc_error_from_exception(err, NULL, "cannot make a constant-weight query");
	}
}

xc_status xc_query_value_range(unsigned slot, const char *lo, const char *hi, xc_query **query, tc_error *err)
{
	assert(query);
	*query = NULL;
	try {
		if (lo && hi)
			return _xc_query_out(Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, lo, hi),
			                     query);
		if (hi)
			return _xc_query_out(Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, hi), query);
		/* Both ends open: every document with a value in SLOT. */
		return _xc_query_out(Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, lo ? lo : ""), query);
	} catch (...) {
		return _xc_error_from_exception(err, NULL,
		                                "cannot build a range query on value %u ['%s', '%s']", slot,
		                                lo ? lo : "", hi ? hi : "");
	}
}

xc_status xc_query_wildcard(const char *prefix, size_t max_expansion, xc_query **query, tc_error *err)
{
	assert(prefix && query);
	*query = NULL;
	try {
		/* WILDCARD_LIMIT_ERROR: an expansion past the cap throws
		 * WildcardError at match time (mapped to TC_ERR_LIMIT), rather
		 * than silently searching a subset of the terms. */
		return _xc_query_out(Xapian::Query(Xapian::Query::OP_WILDCARD, prefix,
		                                   (Xapian::termcount)max_expansion,
		                                   Xapian::Query::WILDCARD_LIMIT_ERROR),
		                     query);
	} catch (...) {
		return _xc_error_from_exception(err, NULL, "cannot build a wildcard query for '%s*'", prefix);
	}
}

namespace {

/* The documents that hold any of TERMS, each weighing nothing: a filter
 * for which the matcher gathers no term statistics (an OR of the terms
 * would look each of them up once more in every database for those, and
 * they weigh nothing). Each database of several gets its own copy (clone),
 * which reads the terms' postings there when it is started (init). */
/* The documents known in some databases, by their UUIDs: shared by the
 * copies of a source (one a database). */
typedef std::map<std::string, std::vector<Xapian::docid>> KnownDocs;

class AnyTermSource : public Xapian::PostingSource {
	std::vector<std::string> terms;
	std::shared_ptr<const KnownDocs> known;
	std::vector<Xapian::docid> docids;
	size_t pos = 0;
	bool started = false;

      public:
	AnyTermSource(std::vector<std::string> t, std::shared_ptr<const KnownDocs> k)
	        : terms(std::move(t)), known(std::move(k))
	{
		std::sort(terms.begin(), terms.end());
	}
	Xapian::PostingSource *clone() const override { return new AnyTermSource(terms, known); }
	void init(const Xapian::Database &db) override
	{
		docids.clear();
		pos = 0;
		started = false;
		auto found = known->empty() ? known->end() : known->find(db.get_uuid());
		if (found != known->end())
			docids = found->second;
		else
			for (const std::string &t : terms) {
				/* looked up in key order, each by the database's own
				 * cursor first (glass: a new posting list starts from
				 * that cursor's blocks), the blocks above the leaves
				 * are read once for all of them rather than once for
				 * each */
				if (!db.get_termfreq(t))
					continue;
				for (Xapian::PostingIterator it = db.postlist_begin(t), end = db.postlist_end(t);
				     it != end; ++it)
					docids.push_back(*it);
			}
		std::sort(docids.begin(), docids.end());
		docids.erase(std::unique(docids.begin(), docids.end()), docids.end());
		set_maxweight(0.0);
	}
	Xapian::doccount get_termfreq_min() const override { return (Xapian::doccount)docids.size(); }
	Xapian::doccount get_termfreq_est() const override { return (Xapian::doccount)docids.size(); }
	Xapian::doccount get_termfreq_max() const override { return (Xapian::doccount)docids.size(); }
	void next(double) override
	{
		if (started)
			pos++;
		started = true;
	}
	void skip_to(Xapian::docid did, double) override
	{
		started = true;
		if (pos < docids.size())
			pos = (size_t)(std::lower_bound(docids.begin() + (std::ptrdiff_t)pos, docids.end(), did) -
			               docids.begin());
	}
	bool at_end() const override { return started && pos >= docids.size(); }
	Xapian::docid get_docid() const override { return docids[pos]; }
	double get_weight() const override { return 0.0; }
	std::string name() const override { return "tracuu::AnyTermSource"; }
};

} // namespace

xc_status xc_query_any_term(const char *const *terms, const size_t *lens, size_t n, const xc_known_docs *known,
                            size_t nknown, xc_query **query, tc_error *err)
{
	assert(query && (terms || !n) && (known || !nknown));
	*query = NULL;
	try {
		std::vector<std::string> list;
		for (size_t i = 0; i < n; i++)
			list.emplace_back(terms[i], lens[i]);
		auto docs = std::make_shared<KnownDocs>();
		for (size_t i = 0; i < nknown; i++) {
			/* a database without a UUID is named by none */
			if (!known[i].uuid || !*known[i].uuid)
				continue;
			std::vector<Xapian::docid> &ids = (*docs)[known[i].uuid];
			ids.insert(ids.end(), known[i].docids, known[i].docids + known[i].n);
		}
		Xapian::PostingSource *source = (new AnyTermSource(std::move(list), std::move(docs)))->release();
		return _xc_query_out(Xapian::Query(source), query);
	} catch (...) {
		return _xc_error_from_exception(err, NULL, "cannot make a query of any of several terms");
	}
}

xc_status xc_query_match_all(xc_query **query, tc_error *err)
{
	assert(query);
	*query = NULL;
	try {
		return _xc_query_out(Xapian::Query(Xapian::Query::MatchAll), query);
	} catch (...) {
		return _xc_error_from_exception(err, NULL, "cannot build the match-all query");
	}
}

xc_status xc_query_clone(const xc_query *query, xc_query **copy, tc_error *err)
{
	assert(query && copy);
	*copy = NULL;
	try {
		return _xc_query_out(Xapian::Query(query->query), copy);
	} catch (...) {
		return _xc_error_from_exception(err, NULL, "cannot copy a query");
	}
}

void xc_query_free(xc_query *query)
{
	_xc_delete(query);
}

char *xc_query_describe(const xc_query *query)
{
	assert(query);
	try {
		return tc_strdup(query->query.get_description().c_str());
	} catch (...) {
		return NULL;
	}
}

/* ---- enquire ---- */

xc_status xc_enquire_new(xc_reader *reader, xc_enquire **enquire, tc_error *err)
{
	assert(reader && enquire);
	*enquire = NULL;
	try {
		*enquire = _xc_new<xc_enquire>(*reader);
		return TC_OK;
	} catch (...) {
		return _xc_error_from_exception(err, NULL, "cannot start a search on index '%s'",
		                                reader->paths.c_str());
	}
}

void xc_enquire_free(xc_enquire *enquire)
{
	_xc_delete(enquire);
}

xc_status xc_enquire_set_query(xc_enquire *enquire, const xc_query *query, tc_error *err)
{
	assert(enquire && query);
	try {
		enquire->enquire.set_query(query->query);
		return TC_OK;
	} catch (...) {
		return _xc_error_from_exception(err, NULL, "cannot set the query of a search on index '%s'",
		                                enquire->paths.c_str());
	}
}

xc_status xc_enquire_set_bm25(xc_enquire *enquire, const xc_bm25_params *params, tc_error *err)
{
	assert(enquire);
	xc_bm25_params p = params ? *params : xc_bm25_params{1, 0, 1, 0.5, 0.5};
	/* Xapian's own limits on the parameters, checked here to name the
	 * one that is wrong. */
	if (!(p.k1 >= 0) || !(p.k2 >= 0) || !(p.k3 >= 0))
		return tc_error_set(err, TC_ERR_INPUT, "bad BM25 parameters: k1=%g k2=%g k3=%g must be >= 0",
		                    p.k1, p.k2, p.k3);
	if (!(p.b >= 0 && p.b <= 1))
		return tc_error_set(err, TC_ERR_INPUT, "bad BM25 parameter: b=%g must lie in [0, 1]", p.b);
	if (!(p.min_normlen >= 0))
		return tc_error_set(err, TC_ERR_INPUT, "bad BM25 parameter: min_normlen=%g must be >= 0",
		                    p.min_normlen);
	try {
		enquire->enquire.set_weighting_scheme(
		        Xapian::BM25Weight(p.k1, p.k2, p.k3, p.b, p.min_normlen));
		return TC_OK;
	} catch (...) {
		return _xc_error_from_exception(err, NULL, "cannot set BM25(%g, %g, %g, %g, %g)", p.k1, p.k2,
		                                p.k3, p.b, p.min_normlen);
	}
}

xc_status xc_enquire_set_bool_weight(xc_enquire *enquire, tc_error *err)
{
	assert(enquire);
	try {
		enquire->enquire.set_weighting_scheme(Xapian::BoolWeight());
		return TC_OK;
	} catch (...) {
		return _xc_error_from_exception(err, NULL, "cannot set boolean weighting");
	}
}

xc_status xc_enquire_set_sort(xc_enquire *enquire, int slot, int reverse, tc_error *err)
{
	assert(enquire);
	try {
		if (slot < 0)
			enquire->enquire.set_sort_by_relevance();
		else
			enquire->enquire.set_sort_by_value_then_relevance((Xapian::valueno)slot,
			                                                  reverse != 0);
		return TC_OK;
	} catch (...) {
		return _xc_error_from_exception(err, NULL, "cannot sort by value %d", slot);
	}
}

xc_status xc_enquire_set_collapse(xc_enquire *enquire, int slot, uint32_t max, tc_error *err)
{
	assert(enquire);
	try {
		if (slot < 0)
			enquire->enquire.set_collapse_key(Xapian::BAD_VALUENO);
		else
			enquire->enquire.set_collapse_key((Xapian::valueno)slot, max ? max : 1);
		return TC_OK;
	} catch (...) {
		return _xc_error_from_exception(err, NULL, "cannot collapse on value %d", slot);
	}
}

xc_status xc_enquire_add_value_spy(xc_enquire *enquire, unsigned slot, int *spy, tc_error *err)
{
	assert(enquire && spy);
	try {
		enquire->spy_slots.push_back(slot);
		*spy = (int)enquire->spy_slots.size() - 1;
		return TC_OK;
	} catch (...) {
		return _xc_error_from_exception(err, NULL, "cannot count values of slot %u", slot);
	}
}

xc_status xc_enquire_run(xc_enquire *enquire, uint32_t first, uint32_t max, uint32_t check_at_least,
                         xc_mset **mset, tc_error *err)
{
	assert(enquire && mset);
	*mset = NULL;
	xc_mset *result = NULL;
	try {
		/* Fresh spies for every run: a ValueCountMatchSpy keeps
		 * counting across runs and cannot be reset. */
		enquire->enquire.clear_matchspies();
		enquire->spies.clear();
		for (unsigned slot : enquire->spy_slots) {
			enquire->spies.emplace_back(new Xapian::ValueCountMatchSpy(slot));
			enquire->enquire.add_matchspy(enquire->spies.back().get());
		}
		result = _xc_new<xc_mset>();
		try {
			result->mset = enquire->enquire.get_mset(first, max, check_at_least);
		} catch (const Xapian::DatabaseModifiedError &) {
			/* The writer committed twice since this reader opened
			 * and the blocks it read are gone: move to the latest
			 * revision (every handle on this reader follows) and
			 * try once more rather than fail the query. */
			enquire->db.reopen();
			result->mset = enquire->enquire.get_mset(first, max, check_at_least);
		}
		*mset = result;
		return TC_OK;
	} catch (...) {
		_xc_delete(result);
		return _xc_error_from_exception(err, NULL, "search failed on index '%s' (hits %u..%u)",
		                                enquire->paths.c_str(), first, first + max);
	}
}

xc_status xc_enquire_spy_values(xc_enquire *enquire, int spy, size_t max,
                                int (*fn)(void *ctx, const char *value, size_t len, uint32_t count),
                                void *ctx, tc_error *err)
{
	assert(enquire && fn);
	if (spy < 0 || (size_t)spy >= enquire->spy_slots.size())
		return tc_error_set(err, TC_ERR_INPUT, "no value spy %d (%zu added)", spy,
		                    enquire->spy_slots.size());
	if ((size_t)spy >= enquire->spies.size())
		return tc_error_set(err, TC_ERR_INPUT,
		                    "value spy %d has not run yet: call xc_enquire_run first", spy);
	try {
		const Xapian::ValueCountMatchSpy &counts = *enquire->spies[(size_t)spy];
		for (Xapian::TermIterator it = counts.top_values_begin(max); it != counts.top_values_end(max);
		     ++it) {
			const std::string &value = *it;
			if (fn(ctx, value.data(), value.size(), it.get_termfreq()))
				break;
		}
		return TC_OK;
	} catch (...) {
		return _xc_error_from_exception(err, NULL, "cannot read the values counted in slot %u",
		                                enquire->spy_slots[(size_t)spy]);
	}
}

/* ---- results ---- */

void xc_mset_free(xc_mset *mset)
{
	_xc_delete(mset);
}

uint32_t xc_mset_size(const xc_mset *mset)
{
	return mset ? mset->mset.size() : 0;
}

uint32_t xc_mset_matches_estimated(const xc_mset *mset)
{
	return mset ? mset->mset.get_matches_estimated() : 0;
}

uint32_t xc_mset_matches_lower(const xc_mset *mset)
{
	return mset ? mset->mset.get_matches_lower_bound() : 0;
}

uint32_t xc_mset_matches_upper(const xc_mset *mset)
{
	return mset ? mset->mset.get_matches_upper_bound() : 0;
}

xc_docid xc_mset_docid(const xc_mset *mset, uint32_t i)
{
	if (!mset || i >= mset->mset.size())
		return 0;
	try {
		return *mset->mset[i];
	} catch (...) {
		return 0;
	}
}

double xc_mset_weight(const xc_mset *mset, uint32_t i)
{
	if (!mset || i >= mset->mset.size())
		return 0;
	try {
		return mset->mset[i].get_weight();
	} catch (...) {
		return 0;
	}
}

xc_status xc_mset_data(const xc_mset *mset, uint32_t i, char **data, size_t *len, tc_error *err)
{
	assert(mset && data);
	*data = NULL;
	if (i >= mset->mset.size())
		return tc_error_set(err, TC_ERR_NOT_FOUND, "no hit %u: the result holds %u", i,
		                    mset->mset.size());
	try {
		return _xc_copy_out(mset->mset[i].get_document().get_data(), data, len,
		                    "cannot read hit data", err);
	} catch (...) {
		return _xc_error_from_exception(err, NULL, "cannot read the data of hit %u", i);
	}
}

xc_status xc_mset_value(const xc_mset *mset, uint32_t i, unsigned slot, char **value, size_t *len,
                        tc_error *err)
{
	assert(mset && value);
	*value = NULL;
	if (i >= mset->mset.size())
		return tc_error_set(err, TC_ERR_NOT_FOUND, "no hit %u: the result holds %u", i,
		                    mset->mset.size());
	try {
		return _xc_copy_out(mset->mset[i].get_document().get_value(slot), value, len,
		                    "cannot read hit value", err);
	} catch (...) {
		return _xc_error_from_exception(err, NULL, "cannot read value %u of hit %u", slot, i);
	}
}

/* ---- stock Xapian (quality baseline) ---- */

xc_status xc_stock_index_text(xc_doc *doc, const char *text, size_t len, uint32_t wdf_inc, tc_error *err)
{
	assert(doc && (text || len == 0));
	try {
		Xapian::TermGenerator generator;
		/* Document is a handle: the generator writes into ours. */
		generator.set_document(doc->doc);
		generator.index_text(std::string(text ? text : "", len), wdf_inc);
		return TC_OK;
	} catch (...) {
		return _xc_error_from_exception(err, NULL, "stock TermGenerator failed on %zu bytes of text",
		                                len);
	}
}

xc_status xc_stock_parse_query(xc_reader *reader, const char *text, xc_query **query, tc_error *err)
{
	assert(text && query);
	*query = NULL;
	try {
		Xapian::QueryParser parser;
		if (reader)
			parser.set_database(reader->db);
		parser.set_default_op(Xapian::Query::OP_OR);
		return _xc_query_out(parser.parse_query(text), query);
	} catch (...) {
		return _xc_error_from_exception(err, NULL, "stock QueryParser failed on '%s'", text);
	}
}
