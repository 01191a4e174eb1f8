// The GLIBCXX_3.4.32 fix for TorchSharp's native glue library.
//
// TorchSharp 0.107.0's libLibTorchSharp.so is linked against GCC 13's libstdc++ and records a version
// need for GLIBCXX_3.4.32. The only symbol of that version it names is std::ios_base_library_init(), a
// marker that GCC 13's <iostream> emits and that no relocation of the library refers to. Debian 12 and
// Ubuntu 22.04 ship GCC 12's libstdc++ (versions up to GLIBCXX_3.4.30), so the dynamic loader refuses
// the library although nothing in it would ever use the missing symbol.
//
// The fix marks that one version need as weak (VER_FLG_WEAK in the vna_flags of its Elf64_Vernaux
// entry in .gnu.version_r). The loader then accepts the library when the version is absent. It is a
// two-byte change, idempotent, and applied only where the system's libstdc++ lacks the version.
//
// This file is compiled twice: into the library (NOTEBOOK_EXPERIMENTS_LIBRARY is defined there), where
// TorchRuntime uses it before TorchSharp loads, and by MSBuild's RoslynCodeTaskFactory, where the task
// at the end of the file applies the fix after each build (build/TorchBackend.targets). Keep it to
// plain C# that both compilers accept.

#nullable enable

using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace NotebookExperiments.Native
{
    /// <summary>Outcome of <see cref="LibTorchSharpPatch.Apply"/> on one file.</summary>
    internal enum PatchOutcome
    {
        /// <summary>The version need was strong and has been made weak.</summary>
        Patched,
        /// <summary>The version need was already weak: nothing to do.</summary>
        AlreadyPatched,
        /// <summary>The file records no need for the version: nothing to do.</summary>
        NotNeeded,
        /// <summary>The file does not exist.</summary>
        Missing,
    }

    /// <summary>
    /// Reads and edits the ELF version-need table of a shared library (64-bit little-endian ELF), and tells
    /// whether the system's libstdc++ provides a symbol version.
    /// </summary>
    internal static class LibTorchSharpPatch
    {
        /// <summary>The symbol version that TorchSharp 0.107.0 needs and GCC 12's libstdc++ lacks.</summary>
        public const string MissingVersion = "GLIBCXX_3.4.32";

        private const uint ShtGnuVerneed = 0x6ffffffe;
        private const ushort VerFlgWeak = 0x2;

        /// <summary>Well-known locations of libstdc++.so.6 on Linux distributions.</summary>
        public static readonly string[] LibStdCxxCandidates =
        {
            "/usr/lib/x86_64-linux-gnu/libstdc++.so.6",
            "/lib/x86_64-linux-gnu/libstdc++.so.6",
            "/usr/lib/aarch64-linux-gnu/libstdc++.so.6",
            "/usr/lib64/libstdc++.so.6",
            "/lib64/libstdc++.so.6",
            "/usr/lib/libstdc++.so.6",
        };

        /// <summary>The first libstdc++.so.6 found in <see cref="LibStdCxxCandidates"/>, or null.</summary>
        public static string? FindSystemLibStdCxx() => Array.Find(LibStdCxxCandidates, File.Exists);

        /// <summary>
        /// True when the fix is needed on this machine: a libstdc++.so.6 was found and its bytes do not contain
        /// the version name <see cref="MissingVersion"/> (a libstdc++ that defines a version lists its name in
        /// its version-definition string table). False when no libstdc++ is found (not Linux, or an unusual layout).
        /// </summary>
        public static bool SystemLacksVersion(string? libStdCxxPath = null)
        {
            var path = libStdCxxPath ?? FindSystemLibStdCxx();
            if (path == null) return false;
            // ASCII decoding turns every other byte into '?', which the version name does not contain.
            return Encoding.ASCII.GetString(File.ReadAllBytes(path)).IndexOf(MissingVersion, StringComparison.Ordinal) < 0;
        }

        /// <summary>
        /// The vna_flags of every version need named <paramref name="version"/> in the ELF file's bytes,
        /// with the file offset of each flags field. Empty when the file needs no such version.
        /// </summary>
        /// <exception cref="InvalidDataException">The bytes are not a 64-bit little-endian ELF file, or its
        /// section or version tables point outside the file.</exception>
        public static List<KeyValuePair<long, ushort>> FindVersionNeeds(byte[] elf, string version)
        {
            if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
                throw new InvalidDataException("not an ELF file");
            if (elf[4] != 2 || elf[5] != 1)
                throw new InvalidDataException("not a 64-bit little-endian ELF file");

            long shoff = (long)U64(elf, 0x28);
            int shentsize = U16(elf, 0x3A);
            int shnum = U16(elf, 0x3C);
            Check(elf, shoff, (long)shentsize * shnum);

            var found = new List<KeyValuePair<long, ushort>>();
            for (int s = 0; s < shnum; s++)
            {
                long sh = shoff + (long)s * shentsize;
                if (U32(elf, sh + 4) != ShtGnuVerneed) continue;

                long secOffset = (long)U64(elf, sh + 0x18);
                long secSize = (long)U64(elf, sh + 0x20);
                uint link = U32(elf, sh + 0x28);
                uint count = U32(elf, sh + 0x2C);
                Check(elf, secOffset, secSize);
                if (link >= shnum) throw new InvalidDataException("version-need table links to a missing string table");
                long strSh = shoff + (long)link * shentsize;
                long strOffset = (long)U64(elf, strSh + 0x18);
                long strSize = (long)U64(elf, strSh + 0x20);
                Check(elf, strOffset, strSize);

                long need = secOffset;
                for (uint n = 0; n < count; n++)
                {
                    Check(elf, need, 16);
                    int auxCount = U16(elf, need + 2);
                    long aux = need + U32(elf, need + 8);
                    for (int a = 0; a < auxCount; a++)
                    {
                        Check(elf, aux, 16);
                        ushort flags = U16(elf, aux + 4);
                        uint nameOffset = U32(elf, aux + 8);
                        if (nameOffset >= strSize) throw new InvalidDataException("version name outside the string table");
                        if (CString(elf, strOffset + nameOffset) == version)
                            found.Add(new KeyValuePair<long, ushort>(aux + 4, flags));
                        aux += U32(elf, aux + 12);
                    }
                    need += U32(elf, need + 12);
                }
            }
            return found;
        }

        /// <summary>
        /// Makes the need for <see cref="MissingVersion"/> in the file at <paramref name="path"/> weak.
        /// The file is rewritten through a temporary copy and an atomic rename, so a process that has the
        /// library loaded keeps its old copy and a crash leaves either the old or the new file.
        /// </summary>
        public static PatchOutcome Apply(string path)
        {
            if (!File.Exists(path)) return PatchOutcome.Missing;
            byte[] bytes = File.ReadAllBytes(path);
            var needs = FindVersionNeeds(bytes, MissingVersion);
            if (needs.Count == 0) return PatchOutcome.NotNeeded;

            bool changed = false;
            foreach (var need in needs)
            {
                if ((need.Value & VerFlgWeak) != 0) continue;
                ushort flags = (ushort)(need.Value | VerFlgWeak);
                bytes[need.Key] = (byte)(flags & 0xff);
                bytes[need.Key + 1] = (byte)(flags >> 8);
                changed = true;
            }
            if (!changed) return PatchOutcome.AlreadyPatched;

            string temp = path + ".patch-" + Guid.NewGuid().ToString("N");
            try
            {
                File.WriteAllBytes(temp, bytes);
                File.Replace(temp, path, null);
            }
            finally
            {
                if (File.Exists(temp)) File.Delete(temp);
            }
            return PatchOutcome.Patched;
        }

        /// <summary>True when every need for <see cref="MissingVersion"/> in the file is weak (or there is none).</summary>
        public static bool IsWeak(string path) =>
            FindVersionNeeds(File.ReadAllBytes(path), MissingVersion).TrueForAll(need => (need.Value & VerFlgWeak) != 0);

        private static void Check(byte[] elf, long offset, long length)
        {
            if (offset < 0 || length < 0 || offset + length > elf.Length)
                throw new InvalidDataException("ELF table points outside the file");
        }

        private static ushort U16(byte[] b, long o) => (ushort)(b[o] | (b[o + 1] << 8));
        private static uint U32(byte[] b, long o) => (uint)(b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24));
        private static ulong U64(byte[] b, long o) => U32(b, o) | ((ulong)U32(b, o + 4) << 32);

        private static string CString(byte[] b, long o)
        {
            long end = o;
            while (end < b.Length && b[end] != 0) end++;
            return Encoding.ASCII.GetString(b, (int)o, (int)(end - o));
        }
    }

#if !NOTEBOOK_EXPERIMENTS_LIBRARY
    /// <summary>
    /// MSBuild task: applies <see cref="LibTorchSharpPatch"/> to each of <see cref="Files"/>, which must exist, and to each of
    /// <see cref="OptionalFiles"/> that exists, where the system needs it. A missing required copy is an error that names it: a
    /// silent skip would leave the copy a notebook loads unpatched.
    /// </summary>
    public sealed class PatchLibTorchSharp : Microsoft.Build.Utilities.Task
    {
        /// <summary>Copies that a build must leave fixed.</summary>
        [Microsoft.Build.Framework.Required]
        public string[] Files { get; set; } = new string[0];

        /// <summary>Copies fixed when present.</summary>
        public string[] OptionalFiles { get; set; } = new string[0];

        public override bool Execute()
        {
            if (!LibTorchSharpPatch.SystemLacksVersion()) return true;
            foreach (var file in Files) Patch(file, required: true);
            foreach (var file in OptionalFiles) Patch(file, required: false);
            return !Log.HasLoggedErrors;
        }

        private void Patch(string file, bool required)
        {
            try
            {
                var outcome = LibTorchSharpPatch.Apply(file);
                if (outcome == PatchOutcome.Patched)
                    Log.LogMessage(Microsoft.Build.Framework.MessageImportance.High,
                        "Marked the " + LibTorchSharpPatch.MissingVersion + " need of " + file + " as weak (system libstdc++ lacks it).");
                else if (outcome == PatchOutcome.Missing && required)
                    Log.LogError("Could not apply the " + LibTorchSharpPatch.MissingVersion + " fix: " + file + " does not exist. " +
                        "TorchSharp would load an unpatched copy on this system; check NUGET_PACKAGES and that the restore succeeded.");
            }
            catch (Exception e)
            {
                Log.LogError("Could not apply the " + LibTorchSharpPatch.MissingVersion + " fix to " + file + ": " + e.Message);
            }
        }
    }
#endif
}
