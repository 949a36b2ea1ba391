/* Test equipment, never shipped: a stand-in for Windows' bcryptprimitives.dll, which Wine 8
 * (Debian 12) lacks. Rust's standard library takes its random numbers from ProcessPrng there
 * (hash seeds, temp file names); this fills the buffer from RtlGenRandom (SystemFunction036 in
 * advapi32), which Wine has. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
