// Compiled by MSBuild's RoslynCodeTaskFactory from Torch.targets; not part of any project.
using System;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

/// <summary>
/// Marks one symbol-version requirement (for example GLIBCXX_3.4.32) as weak in ELF shared
/// libraries, but only when none of the system's libstdc++ candidates provides that version.
/// A weak requirement lets the dynamic loader accept the library; it is safe only for a
/// version whose symbols are never called, which Torch.targets explains for libLibTorchSharp.
/// </summary>
public sealed class HypWeakenElfVersionNeed : Task
{
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const ushort VerFlgWeak = 0x2;

    /// <summary>The libraries to patch in place (copies in an output folder).</summary>
    [Required]
    public ITaskItem[] Files { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>The version name to weaken.</summary>
    [Required]
    public string Version { get; set; } = "";

    /// <summary>Semicolon-separated paths where the system libstdc++ may be.</summary>
    [Required]
    public string SystemLibraries { get; set; } = "";

    /// <inheritdoc />
    public override bool Execute()
    {
        var systemLibrary = SystemLibraries.Split(new[] { ';' }, StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Trim())
            .FirstOrDefault(File.Exists);
        if (systemLibrary is null)
        {
            Log.LogMessage(MessageImportance.Low, "No system libstdc++ found; native libraries left as they are.");
            return true;
        }

        var needle = Encoding.ASCII.GetBytes(Version + "\0");
        if (IndexOf(File.ReadAllBytes(systemLibrary), needle) >= 0)
        {
            Log.LogMessage(MessageImportance.Low, $"{systemLibrary} provides {Version}; native libraries left as they are.");
            return true;
        }

        foreach (var item in Files)
        {
            var path = item.GetMetadata("FullPath");
            try
            {
                var bytes = File.ReadAllBytes(path);
                var result = Weaken(bytes, Version);
                if (result == null)
                {
                    Log.LogWarning($"{path}: not a 64-bit little-endian ELF file with a version-needs section; cannot mark {Version} weak, and the library may not load on this system.");
                    continue;
                }

                if (result == false)
                {
                    continue;
                }

                // Replace the file rather than writing into it: the copy might be a hard link
                // into the NuGet cache. Keep its time stamp so incremental copies skip it next time.
                var stamp = File.GetLastWriteTimeUtc(path);
                var temporary = path + ".hyp-weak";
                File.WriteAllBytes(temporary, bytes);
                File.Delete(path);
                File.Move(temporary, path);
                File.SetLastWriteTimeUtc(path, stamp);
                Log.LogMessage(MessageImportance.Normal, $"{path}: marked {Version} weak ({systemLibrary} lacks it).");
            }
            catch (IOException e)
            {
                Log.LogError($"{path}: cannot mark {Version} weak: {e.Message}");
            }
        }

        return !Log.HasLoggedErrors;
    }

    /// <summary>Returns true if a flag was set, false if already weak or not needed, null if the file is not a supported ELF.</summary>
    private static bool? Weaken(byte[] elf, string version)
    {
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F' || elf[4] != 2 || elf[5] != 1)
        {
            return null;
        }

        var sectionTable = (long)BitConverter.ToUInt64(elf, 0x28);
        int entrySize = BitConverter.ToUInt16(elf, 0x3A);
        int count = BitConverter.ToUInt16(elf, 0x3C);
        for (var i = 0; i < count; i++)
        {
            var header = sectionTable + (long)i * entrySize;
            if (BitConverter.ToUInt32(elf, (int)header + 4) != ShtGnuVerneed)
            {
                continue;
            }

            var needs = (long)BitConverter.ToUInt64(elf, (int)header + 0x18);
            var link = BitConverter.ToUInt32(elf, (int)header + 0x28);
            var strings = (long)BitConverter.ToUInt64(elf, (int)(sectionTable + link * entrySize) + 0x18);
            var changed = false;
            for (var need = needs; ; )
            {
                int auxCount = BitConverter.ToUInt16(elf, (int)need + 2);
                var aux = need + BitConverter.ToUInt32(elf, (int)need + 8);
                for (var j = 0; j < auxCount; j++)
                {
                    var name = ReadString(elf, strings + BitConverter.ToUInt32(elf, (int)aux + 8));
                    var flags = BitConverter.ToUInt16(elf, (int)aux + 4);
                    if (name == version && (flags & VerFlgWeak) == 0)
                    {
                        var weak = BitConverter.GetBytes((ushort)(flags | VerFlgWeak));
                        elf[aux + 4] = weak[0];
                        elf[aux + 5] = weak[1];
                        changed = true;
                    }

                    aux += BitConverter.ToUInt32(elf, (int)aux + 12);
                }

                var next = BitConverter.ToUInt32(elf, (int)need + 12);
                if (next == 0)
                {
                    break;
                }

                need += next;
            }

            return changed;
        }

        return null;
    }

    private static string ReadString(byte[] bytes, long offset)
    {
        var end = (int)offset;
        while (end < bytes.Length && bytes[end] != 0)
        {
            end++;
        }

        return Encoding.ASCII.GetString(bytes, (int)offset, end - (int)offset);
    }

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (var i = 0; i <= haystack.Length - needle.Length; i++)
        {
            var match = true;
            for (var j = 0; j < needle.Length && match; j++)
            {
                match = haystack[i + j] == needle[j];
            }

            if (match)
            {
                return i;
            }
        }

        return -1;
    }
}
