using System.Buffers.Binary;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace EvolutionSimulator;

/// <summary>
/// A small, valid PNG that looks like a QR code and differs per code (finder squares in three corners,
/// modules from SHA-256 of the code). Not scannable: the CRM only has to display it.
/// </summary>
internal static class QrImage
{
    private const int Modules = 25;
    private const int Quiet = 4;
    private const int Scale = 4;
    private static readonly uint[] CrcTable = BuildCrcTable();

    public static byte[] Png(string code)
    {
        var dark = Pattern(code);
        const int side = (Modules + 2 * Quiet) * Scale;

        // Raw scanlines: filter byte 0, then one grey byte per pixel (0 = black, 255 = white).
        var raw = new byte[side * (side + 1)];
        for (var y = 0; y < side; y++)
        {
            var row = y * (side + 1);
            for (var x = 0; x < side; x++)
            {
                var mx = x / Scale - Quiet;
                var my = y / Scale - Quiet;
                var isDark = mx is >= 0 and < Modules && my is >= 0 and < Modules && dark[my, mx];
                raw[row + 1 + x] = isDark ? (byte)0 : (byte)255;
            }
        }

        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(header, (uint)side);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), (uint)side);
        header[8] = 8; // bit depth
        header[9] = 0; // colour type: greyscale
        WriteChunk(png, "IHDR", header);
        using (var compressed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
            {
                zlib.Write(raw);
            }
            WriteChunk(png, "IDAT", compressed.ToArray());
        }
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    private static bool[,] Pattern(string code)
    {
        var dark = new bool[Modules, Modules];
        var bits = new List<byte>();
        for (var block = 0; bits.Count * 8 < Modules * Modules; block++)
        {
            bits.AddRange(SHA256.HashData(Encoding.UTF8.GetBytes($"{block}:{code}")));
        }
        for (var y = 0; y < Modules; y++)
        {
            for (var x = 0; x < Modules; x++)
            {
                var i = y * Modules + x;
                dark[y, x] = (bits[i / 8] >> (i % 8) & 1) == 1;
            }
        }
        foreach (var (ox, oy) in new[] { (0, 0), (Modules - 7, 0), (0, Modules - 7) })
        {
            for (var y = -1; y <= 7; y++)
            {
                for (var x = -1; x <= 7; x++)
                {
                    var (px, py) = (ox + x, oy + y);
                    if (px is < 0 or >= Modules || py is < 0 or >= Modules)
                    {
                        continue;
                    }
                    var ring = Math.Max(Math.Abs(x - 3), Math.Abs(y - 3));
                    dark[py, px] = ring is 0 or 1 or 3; // 3x3 core, white ring, dark ring, white separator
                }
            }
        }
        return dark;
    }

    private static void WriteChunk(Stream png, string type, byte[] data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(word, (uint)data.Length);
        png.Write(word);
        var typeBytes = Encoding.ASCII.GetBytes(type);
        png.Write(typeBytes);
        png.Write(data);
        var crc = Crc32(Crc32(0xFFFFFFFFu, typeBytes), data) ^ 0xFFFFFFFFu;
        BinaryPrimitives.WriteUInt32BigEndian(word, crc);
        png.Write(word);
    }

    private static uint Crc32(uint crc, byte[] data)
    {
        foreach (var b in data)
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }
        return crc;
    }

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }
            table[n] = c;
        }
        return table;
    }
}
