/* xapian-c-private.h - what the handles of xapian-c.h hold, and the helpers
 * shared by the shim's C++ files. Only the .cc files of xapian-c/ include this. */
#ifndef XC_XAPIAN_C_PRIVATE_H
#define XC_XAPIAN_C_PRIVATE_H

#include <memory>
#include <string>
#include <vector>

#include <xapian.h>

#include "xapian-c.h"

/* The file, inside a database directory, in which the writer that holds the
 * lock records its pid: Xapian's DatabaseLockError does not say who holds
 * the lock, and "who" is what a person needs to know to fix it. */
#define XC_WRITER_PID_FILE "tracuu-writer.pid"

struct xc_writer {
	Xapian::WritableDatabase db;
	std::string path;
	std::string pid_file; /* empty when it could not be written */
	bool in_transaction = false; /* its unflushed transaction is open (xc_writer_open) */
};

struct xc_reader {
	Xapian::Database db;
	std::string paths; /* as given to xc_reader_open, for messages */
};

struct xc_doc {
	Xapian::Document doc;
};

struct xc_query {
	Xapian::Query query;
};

struct xc_enquire {
	/* Declared before the Enquire so that they outlive it: the Enquire
	 * holds plain pointers to them. */
	std::vector<unsigned> spy_slots;
	std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> spies;
	Xapian::Enquire enquire;
	/* The reader's database (a handle sharing its state): reopened when
	 * a run meets DatabaseModifiedError. */
	Xapian::Database db;
	std::string paths;

	explicit xc_enquire(const xc_reader &reader) : enquire(reader.db), db(reader.db), paths(reader.paths)
	{
	}
};

struct xc_mset {
	Xapian::MSet mset;
};

/* Turn the exception being handled into a status and a message; call it
 * only from inside a catch block. FMT (printf-style) says what was being
 * done; PATH (may be NULL) is the database concerned, used for the lock and
 * the not-found messages. Never throws. */
xc_status _xc_error_from_exception(tc_error *err, const char *path, const char *fmt, ...) noexcept
        __attribute__((format(printf, 3, 4)));

/* Check a term about to be added to a document or used as a unique id:
 * empty -> TC_ERR_INPUT, longer than XC_MAX_TERM_LENGTH -> TC_ERR_LIMIT. */
xc_status _xc_check_term(const char *term, size_t len, const char *what, tc_error *err) noexcept;

/* Copy BYTES into a new tc_malloc'd NUL-terminated buffer. */
xc_status _xc_copy_out(const std::string &bytes, char **out, size_t *len, const char *what,
                       tc_error *err) noexcept;

#endif
