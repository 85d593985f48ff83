/*
 * The one-pass kernel of the buy-till-you-die summary, in C.
 *
 * orientir.customers.summary_kernel drives it and documents what it computes and why that
 * is exact; this file only folds rows into per-customer records. It was first written with
 * numba: the loops ran as fast, but importing numba and loading its cached machine code cost
 * about 0.7 s in every new process — most of the time of a summary of 10M rows.
 *
 * A customer is identified by the bytes of its id (at most 8, no NUL byte), packed
 * big-endian and zero-padded into one 64-bit key: equal keys are equal ids, and keys order
 * like the ids' bytes. The hash table (open addressing, linear probing, Fibonacci hashing,
 * at most half full) maps a key to the customer's number; per number there is a 32-byte
 * record (struct record below, numpy dtype summary_kernel.RECORD).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

enum { STATUS_OK = 0, STATUS_FULL = 1, STATUS_UNSUITABLE = 2 };
enum { UNIT_DAYS = 0, UNIT_WEEKS = 1, UNIT_MONTHS = 2 };
#define BLOCK 2048 /* rows packed before they are folded: the slots are prefetched */
#define PREFETCH_AHEAD 16

struct record {
    int32_t first;       /* first period */
    int32_t last;        /* last period so far */
    int32_t count;       /* distinct periods (exact unless unordered) */
    int32_t unordered;   /* 1 once a row came earlier than the last period */
    double total;        /* sum of the purchases */
    double first_total;  /* sum of the purchases of the first period */
};

static const uint64_t MULTIPLIER = 0x9E3779B97F4A7C15ULL; /* 2^64 / golden ratio */

static inline int64_t slot_of(uint64_t key, int bits) {
    return (int64_t)((key * MULTIPLIER) >> (64 - bits));
}

static inline int64_t floor_div(int64_t a, int64_t b) {
    int64_t q = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

/* The period of a day number (days since 1970-01-01): the day, its Monday-based week, or
 * 12 * year + month - 1 (civil_from_days, H. Hinnant's chrono-compatible algorithms). */
static inline int64_t period_of(int64_t day, int unit) {
    if (unit == UNIT_DAYS) return day;
    if (unit == UNIT_WEEKS) return floor_div(day + 3, 7);
    int64_t z = day + 719468;
    int64_t era = floor_div(z, 146097);
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t year = yoe + era * 400;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int64_t month = mp < 10 ? mp + 3 : mp - 9;
    if (month <= 2) year += 1;
    return 12 * year + month - 1;
}

/* The key of id bytes [start, stop), or 0 when the id is empty, longer than 8 bytes or
 * holds a NUL byte (no id packs to 0). */
static inline uint64_t pack(const uint8_t *data, int64_t start, int64_t stop) {
    int64_t length = stop - start;
    if (length <= 0 || length > 8) return 0;
    uint64_t key = 0;
    for (int64_t j = start; j < stop; j++) {
        if (data[j] == 0) return 0;
        key = (key << 8) | data[j];
    }
    return key << (8 * (8 - length));
}

static inline int64_t offset_at(const void *offsets, int wide, Py_ssize_t row) {
    return wide ? ((const int64_t *)offsets)[row] : ((const int32_t *)offsets)[row];
}

static int check_size(Py_buffer *buffer, Py_ssize_t items, Py_ssize_t itemsize, const char *name) {
    if (buffer->len < items * itemsize) {
        PyErr_Format(PyExc_ValueError, "%s holds %zd bytes, fewer than %zd", name, buffer->len,
                     items * itemsize);
        return -1;
    }
    return 0;
}

/* scan(offsets, wide, data, days, amounts, unit, end_period, table, keys, records,
 *      customers, bits, first_row) -> (status, row, customers, max_day)
 *
 * Folds rows first_row... of one batch into the state. Rows with a negative amount
 * (returns) or a period after end_period are skipped; max_day is the last day of every row
 * from first_row on. STATUS_FULL at `row` when a new customer finds the state full: the
 * caller grows it and calls again from `row`. STATUS_UNSUITABLE at `row` for an id that
 * cannot be packed or a NaN amount. */
static PyObject *scan(PyObject *self, PyObject *args) {
    Py_buffer offsets_b, data_b, days_b, amounts_b, table_b, keys_b, records_b;
    int wide, unit, bits;
    long long end_period, customers_in, first_row;
    if (!PyArg_ParseTuple(args, "y*py*y*y*iLw*w*w*LiL", &offsets_b, &wide, &data_b, &days_b,
                          &amounts_b, &unit, &end_period, &table_b, &keys_b, &records_b,
                          &customers_in, &bits, &first_row))
        return NULL;
    PyObject *result = NULL;
    Py_ssize_t rows = days_b.len / (Py_ssize_t)sizeof(int32_t);
    Py_ssize_t capacity = keys_b.len / (Py_ssize_t)sizeof(uint64_t);
    int64_t size = (int64_t)1 << bits;
    if (check_size(&offsets_b, rows + 1, wide ? 8 : 4, "offsets") ||
        check_size(&amounts_b, rows, 8, "amounts") || check_size(&table_b, 2 * size, 8, "table") ||
        check_size(&records_b, capacity, sizeof(struct record), "records"))
        goto done;
    {
        const void *offsets = offsets_b.buf;
        const uint8_t *data = data_b.buf;
        const int32_t *days = days_b.buf;
        const double *amounts = amounts_b.buf;
        uint64_t *table = table_b.buf;
        uint64_t *keys = keys_b.buf;
        struct record *records = records_b.buf;
        int64_t mask = size - 1;
        int64_t customers = customers_in;
        int64_t max_day = INT32_MIN;
        int status = STATUS_OK;
        Py_ssize_t row = first_row;
        uint64_t block_keys[BLOCK];
        int64_t block_periods[BLOCK], block_rows[BLOCK];
        double block_amounts[BLOCK];

        Py_BEGIN_ALLOW_THREADS
        while (row < rows && status == STATUS_OK) {
            /* pack one block of purchases */
            int kept = 0;
            Py_ssize_t next = row;
            for (; next < rows && kept < BLOCK; next++) {
                int64_t day = days[next];
                if (day > max_day) max_day = day;
                double amount = amounts[next];
                if (amount != amount) { status = STATUS_UNSUITABLE; break; }
                if (amount < 0.0) continue;
                int64_t period = period_of(day, unit);
                if (period > end_period) continue;
                uint64_t key = pack(data, offset_at(offsets, wide, next),
                                    offset_at(offsets, wide, next + 1));
                if (key == 0) { status = STATUS_UNSUITABLE; break; }
                block_keys[kept] = key;
                block_periods[kept] = period;
                block_amounts[kept] = amount;
                block_rows[kept] = next;
                kept++;
            }
            if (status == STATUS_UNSUITABLE) { row = next; break; }
            /* fold it, prefetching the slots a few rows ahead */
            int i;
            for (i = 0; i < kept; i++) {
                if (i + PREFETCH_AHEAD < kept)
                    __builtin_prefetch(&table[2 * slot_of(block_keys[i + PREFETCH_AHEAD], bits)]);
                uint64_t key = block_keys[i];
                int64_t period = block_periods[i];
                double amount = block_amounts[i];
                int64_t s = slot_of(key, bits);
                for (;;) {
                    uint64_t number_plus_one = table[2 * s + 1];
                    if (number_plus_one == 0) {
                        if (customers == capacity) { status = STATUS_FULL; break; }
                        table[2 * s] = key;
                        table[2 * s + 1] = (uint64_t)customers + 1;
                        keys[customers] = key;
                        struct record *r = &records[customers];
                        r->first = r->last = (int32_t)period;
                        r->count = 1;
                        r->unordered = 0;
                        r->total = r->first_total = amount;
                        customers++;
                        break;
                    }
                    if (table[2 * s] == key) {
                        struct record *r = &records[number_plus_one - 1];
                        r->total += amount;
                        if (period > r->last) { r->last = (int32_t)period; r->count++; }
                        else if (period < r->last) r->unordered = 1;
                        if (period < r->first) { r->first = (int32_t)period; r->first_total = amount; }
                        else if (period == r->first) r->first_total += amount;
                        break;
                    }
                    s = (s + 1) & mask;
                }
                if (status == STATUS_FULL) break;
            }
            row = status == STATUS_FULL ? block_rows[i] : next;
        }
        Py_END_ALLOW_THREADS
        result = Py_BuildValue("(inLL)", status, row, (long long)customers, (long long)max_day);
    }
done:
    PyBuffer_Release(&offsets_b);
    PyBuffer_Release(&data_b);
    PyBuffer_Release(&days_b);
    PyBuffer_Release(&amounts_b);
    PyBuffer_Release(&table_b);
    PyBuffer_Release(&keys_b);
    PyBuffer_Release(&records_b);
    return result;
}

/* rehash(keys, customers, bits, table): insert the first `customers` keys into an empty
 * (zeroed) table of 2^bits slots. */
static PyObject *rehash(PyObject *self, PyObject *args) {
    Py_buffer keys_b, table_b;
    long long customers;
    int bits;
    if (!PyArg_ParseTuple(args, "y*Liw*", &keys_b, &customers, &bits, &table_b)) return NULL;
    PyObject *result = NULL;
    int64_t size = (int64_t)1 << bits;
    if (check_size(&keys_b, customers, 8, "keys") || check_size(&table_b, 2 * size, 8, "table"))
        goto done;
    {
        const uint64_t *keys = keys_b.buf;
        uint64_t *table = table_b.buf;
        int64_t mask = size - 1;
        for (int64_t number = 0; number < customers; number++) {
            int64_t s = slot_of(keys[number], bits);
            while (table[2 * s + 1] != 0) s = (s + 1) & mask;
            table[2 * s] = keys[number];
            table[2 * s + 1] = (uint64_t)number + 1;
        }
        result = Py_None;
        Py_INCREF(result);
    }
done:
    PyBuffer_Release(&keys_b);
    PyBuffer_Release(&table_b);
    return result;
}

/* collect_unordered(offsets, wide, data, days, amounts, unit, end_period, table, records,
 *                   bits, first_period, out) -> filled
 *
 * For every purchase (as scan keeps them) of a customer whose record is marked unordered,
 * write number * 2^31 + (period - first_period) into out; return how many were written. */
static PyObject *collect_unordered(PyObject *self, PyObject *args) {
    Py_buffer offsets_b, data_b, days_b, amounts_b, table_b, records_b, out_b;
    int wide, unit, bits;
    long long end_period, first_period;
    if (!PyArg_ParseTuple(args, "y*py*y*y*iLy*y*iLw*", &offsets_b, &wide, &data_b, &days_b,
                          &amounts_b, &unit, &end_period, &table_b, &records_b, &bits,
                          &first_period, &out_b))
        return NULL;
    PyObject *result = NULL;
    Py_ssize_t rows = days_b.len / (Py_ssize_t)sizeof(int32_t);
    if (check_size(&offsets_b, rows + 1, wide ? 8 : 4, "offsets") ||
        check_size(&amounts_b, rows, 8, "amounts") || check_size(&out_b, rows, 8, "out"))
        goto done;
    {
        const void *offsets = offsets_b.buf;
        const uint8_t *data = data_b.buf;
        const int32_t *days = days_b.buf;
        const double *amounts = amounts_b.buf;
        const uint64_t *table = table_b.buf;
        const struct record *records = records_b.buf;
        int64_t *out = out_b.buf;
        int64_t mask = ((int64_t)1 << bits) - 1;
        Py_ssize_t filled = 0;
        Py_BEGIN_ALLOW_THREADS
        for (Py_ssize_t row = 0; row < rows; row++) {
            double amount = amounts[row];
            if (!(amount >= 0.0)) continue;
            int64_t period = period_of(days[row], unit);
            if (period > end_period) continue;
            uint64_t key = pack(data, offset_at(offsets, wide, row), offset_at(offsets, wide, row + 1));
            int64_t s = slot_of(key, bits);
            while (table[2 * s] != key) s = (s + 1) & mask;
            int64_t number = (int64_t)table[2 * s + 1] - 1;
            if (!records[number].unordered) continue;
            out[filled++] = number * ((int64_t)1 << 31) + (period - first_period);
        }
        Py_END_ALLOW_THREADS
        result = PyLong_FromSsize_t(filled);
    }
done:
    PyBuffer_Release(&offsets_b);
    PyBuffer_Release(&data_b);
    PyBuffer_Release(&days_b);
    PyBuffer_Release(&amounts_b);
    PyBuffer_Release(&table_b);
    PyBuffer_Release(&records_b);
    PyBuffer_Release(&out_b);
    return result;
}

static PyMethodDef methods[] = {
    {"scan", scan, METH_VARARGS, "Fold the rows of one batch into the per-customer records."},
    {"rehash", rehash, METH_VARARGS, "Insert the customers' keys into a new, larger table."},
    {"collect_unordered", collect_unordered, METH_VARARGS,
     "(customer, period) pairs of the customers whose rows came out of date order."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_summary_c",
    "The compiled one-pass kernel of orientir.customers.summary_kernel.", -1, methods,
};

PyMODINIT_FUNC PyInit__summary_c(void) { return PyModule_Create(&module); }
