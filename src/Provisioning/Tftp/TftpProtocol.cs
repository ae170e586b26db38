namespace Sophia.Provisioning.Tftp;

/// <summary>TFTP opcodes: RFC 1350 section 5, plus OACK from RFC 2347.</summary>
public enum TftpOpcode : ushort
{
    ReadRequest = 1,
    WriteRequest = 2,
    Data = 3,
    Ack = 4,
    Error = 5,
    OptionAck = 6,
}

/// <summary>Error codes: RFC 1350 appendix, plus 8 from RFC 2347.</summary>
public enum TftpErrorCode : ushort
{
    NotDefined = 0,
    FileNotFound = 1,
    AccessViolation = 2,
    DiskFull = 3,
    IllegalOperation = 4,
    UnknownTransferId = 5,
    FileAlreadyExists = 6,
    NoSuchUser = 7,
    OptionNegotiationFailed = 8,
}

/// <summary>Transfer modes of RFC 1350 section 1; "mail" is obsolete and refused.</summary>
public enum TftpTransferMode
{
    Octet,
    NetAscii,
}

/// <summary>One option of an RRQ or an OACK (RFC 2347): a name and a value, both ASCII.</summary>
public readonly record struct TftpOption(string Name, string Value);

/// <summary>A parsed RRQ or WRQ: file name as sent, transfer mode and the options in the order sent.</summary>
public sealed record TftpRequestPacket(
    TftpOpcode Opcode,
    string FileName,
    TftpTransferMode Mode,
    IReadOnlyList<TftpOption> Options);
