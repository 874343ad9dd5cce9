// Debian's libsqlite3-dev header, plus the destructor constants Swift cannot import as macros.
#include <sqlite3.h>
static const sqlite3_destructor_type csqlite_transient = (sqlite3_destructor_type)-1;

/// `sqlite3_config` is variadic, which Swift cannot call. SQLITE_CONFIG_MEMSTATUS: whether SQLite
/// counts its memory, taking a global mutex around every allocation to do so; only works before the
/// library initialises (the first open), returns SQLITE_MISUSE after.
static inline int csqlite_config_memstatus(int on) { return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, on); }
