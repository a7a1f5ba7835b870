/* schema.h — the migrations that build the schema (internal to store).
 * schema_migrations[i] takes user_version i to i + 1. */
#ifndef HV_SCHEMA_H
#define HV_SCHEMA_H

extern const char *const *const schema_migrations[]; /* NULL-terminated lists */
extern const int schema_nmigrations;

#endif
