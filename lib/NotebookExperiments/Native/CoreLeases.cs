using System.Globalization;

namespace NotebookExperiments.Native;

/// <summary>
/// The runs of this user on this machine that share its cores, as lock files in one folder: every run holds an exclusive lock
/// on a file of its own for as long as it runs, so the operating system frees a crashed run's lease with its process, and
/// touches the file whenever it checks its share, so a run that computes nothing for a while stops counting.
/// </summary>
/// <remarks>
/// <para>The file name says what others need: <c>&lt;started ms&gt;-&lt;process id&gt;-&lt;random&gt;.&lt;f THREADS | s&gt;.lease</c> (a fixed
/// thread count, or a run that takes its share). A lease is made under a temporary name, locked, then renamed, so it is never
/// seen unlocked. A file whose lock can be taken belongs to a process that has ended: whoever finds it deletes it.</para>
/// <para>Locks: .NET's <see cref="FileShare.None"/>, which is an advisory <c>flock</c> on Linux and macOS.</para>
/// <para>The folder (<see cref="DefaultFolder"/>) is per user: <c>$XDG_RUNTIME_DIR/notebook-experiments/cores</c>, or
/// <c>notebook-experiments-&lt;user&gt;/cores</c> in the temporary folder; <c>NOTEBOOK_EXPERIMENTS_CORES_DIR</c> moves it (a folder
/// that several users can write makes their runs share too). Other users' runs and other programs are seen by the load they
/// put on the cores instead (<see cref="CpuLoadMeter"/>).</para>
/// </remarks>
/// <param name="folder">The folder of the lease files (made when missing).</param>
/// <param name="clock">The wall clock (UTC).</param>
internal sealed class CoreLeases(string folder, Func<DateTimeOffset> clock)
{
    /// <summary>The variable that moves the folder of leases.</summary>
    public const string FolderVariable = "NOTEBOOK_EXPERIMENTS_CORES_DIR";

    /// <summary>How long a lease counts after its holder last checked its share.</summary>
    public static readonly TimeSpan ActiveFor = TimeSpan.FromSeconds(5);

    private const string Extension = ".lease";

    private readonly Func<DateTimeOffset> _clock = clock;

    /// <summary>The folder of the leases.</summary>
    public string Folder { get; } = folder;

    /// <summary>The leases of this user on this machine, in <see cref="DefaultFolder"/>.</summary>
    public static CoreLeases ForUser() => new(DefaultFolder(), () => DateTimeOffset.UtcNow);

    /// <summary>The folder of this user's leases: <c>$NOTEBOOK_EXPERIMENTS_CORES_DIR</c>, else under <c>$XDG_RUNTIME_DIR</c>, else under the temporary folder.</summary>
    public static string DefaultFolder()
    {
        if (Environment.GetEnvironmentVariable(FolderVariable) is { Length: > 0 } chosen) return Path.GetFullPath(chosen);
        if (Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR") is { Length: > 0 } runtime && Directory.Exists(runtime))
            return Path.Combine(runtime, "notebook-experiments", "cores");
        var user = string.Concat(Environment.UserName.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_'));
        return Path.Combine(Path.GetTempPath(), $"notebook-experiments-{user}", "cores");
    }

    /// <summary>Takes a lease: a run with <paramref name="fixedThreads"/> threads, or (null) one that takes its share.</summary>
    /// <exception cref="IOException">The folder cannot be written.</exception>
    public Lease Take(int? fixedThreads)
    {
        if (fixedThreads is < 1) throw new ArgumentOutOfRangeException(nameof(fixedThreads), fixedThreads, "At least one thread.");
        Directory.CreateDirectory(Folder);
        var started = _clock();
        var id = string.Create(CultureInfo.InvariantCulture,
            $"{started.ToUnixTimeMilliseconds():D13}-{Environment.ProcessId}-{Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())[..8]}");
        var kind = fixedThreads is int f ? string.Create(CultureInfo.InvariantCulture, $"f{f}") : "s";
        var temporary = Path.Combine(Folder, $"{id}.{kind}.taking");
        var path = Path.Combine(Folder, $"{id}.{kind}{Extension}");
        var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
        try
        {
            File.Move(temporary, path);
        }
        catch
        {
            stream.Dispose();
            File.Delete(temporary);
            throw;
        }
        var lease = new Lease(this, new CoreLeaseEntry(id, Environment.ProcessId, started, fixedThreads), path, stream);
        lease.Touch();
        return lease;
    }

    /// <summary>
    /// The leases held now whose holders checked their share within <see cref="ActiveFor"/> (and those named in
    /// <paramref name="include"/> in any case), oldest first; the files of ended processes are deleted on the way.
    /// </summary>
    public IReadOnlyList<CoreLeaseEntry> Active(IReadOnlyCollection<string>? include = null)
    {
        if (!Directory.Exists(Folder)) return [];
        var now = _clock();
        var active = new List<CoreLeaseEntry>();
        foreach (var path in Directory.EnumerateFiles(Folder, "*" + Extension))
        {
            if (Parse(Path.GetFileName(path)) is not { } entry) continue;
            bool mine = include?.Contains(entry.Id) == true;
            DateTime touched;
            try
            {
                touched = File.GetLastWriteTimeUtc(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }
            if (!mine && !IsHeld(path)) continue;
            if (mine || now - new DateTimeOffset(touched, TimeSpan.Zero) <= ActiveFor) active.Add(entry);
        }
        return active.OrderBy(e => e.Started).ThenBy(e => e.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>Whether the lease file at <paramref name="path"/> is held; one that is not is deleted.</summary>
    private static bool IsHeld(string path)
    {
        try
        {
            using var probe = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            File.Delete(path);   // its holder has ended: the lock was free
            return false;
        }
        catch (FileNotFoundException)
        {
            return false;
        }
        catch (IOException)
        {
            return true;    // locked: its holder runs
        }
        catch (UnauthorizedAccessException)
        {
            return true;    // another user's lease in a shared folder: it counts while its file is fresh
        }
    }

    /// <summary>Reads a lease file's name, or null when it is not one.</summary>
    public static CoreLeaseEntry? Parse(string fileName)
    {
        if (!fileName.EndsWith(Extension, StringComparison.Ordinal)) return null;
        var parts = fileName[..^Extension.Length].Split('.');
        if (parts.Length != 2) return null;
        var id = parts[0].Split('-');
        if (id.Length != 3 || !long.TryParse(id[0], NumberStyles.None, CultureInfo.InvariantCulture, out long ms) ||
            !int.TryParse(id[1], NumberStyles.None, CultureInfo.InvariantCulture, out int pid)) return null;
        int? threads = parts[1] == "s" ? null
            : parts[1].StartsWith('f') && int.TryParse(parts[1].AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out int t) && t >= 1 ? t
            : -1;
        if (threads == -1) return null;
        return new CoreLeaseEntry(parts[0], pid, DateTimeOffset.FromUnixTimeMilliseconds(ms), threads);
    }

    /// <summary>A lease held by this process: its entry, its file and the lock on it. Disposing releases it.</summary>
    public sealed class Lease(CoreLeases owner, CoreLeaseEntry entry, string path, FileStream lockStream) : IDisposable
    {
        private FileStream? _lock = lockStream;

        /// <summary>What others see of it.</summary>
        public CoreLeaseEntry Entry { get; } = entry;

        /// <summary>Its file.</summary>
        public string Path { get; } = path;

        /// <summary>Marks it active now (others count it for <see cref="ActiveFor"/>).</summary>
        public void Touch()
        {
            if (_lock is null) return;
            try
            {
                File.SetLastWriteTimeUtc(Path, owner._clock().UtcDateTime);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A folder cleaned under us: the lease no longer counts for others, which only makes them take more threads.
            }
        }

        /// <inheritdoc />
        public void Dispose()
        {
            if (_lock is null) return;
            try
            {
                File.Delete(Path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Left behind unlocked: the next reader deletes it.
            }
            _lock.Dispose();
            _lock = null;
        }
    }
}
