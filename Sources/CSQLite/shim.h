// Debian's libsqlite3-dev header, plus the destructor constants Swift cannot import as macros.
#include <sqlite3.h>
static const sqlite3_destructor_type csqlite_transient = (sqlite3_destructor_type)-1;
