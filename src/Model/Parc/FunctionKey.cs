namespace Sophia.Model.Parc;

/// <summary>A programmable key of a user's phone ("touche de fonction").</summary>
public sealed class FunctionKey
{
    public int Id { get; set; }
    public int UserId { get; set; }

    /// <summary>1-based position among the user's function keys; the phone's line keys come first.</summary>
    public int Index { get; set; }

    public FunctionKeyKind Kind { get; set; }

    /// <summary>For <see cref="FunctionKeyKind.Supervision"/>: the supervised user, of the same client.</summary>
    public int? SupervisedUserId { get; set; }
    public User? SupervisedUser { get; set; }

    /// <summary>For <see cref="FunctionKeyKind.SpeedDial"/>: the number dialled, as the user wrote it.</summary>
    public string? Number { get; set; }

    public required string Label { get; set; }
}

public enum FunctionKeyKind
{
    /// <summary>BLF: the key lights with the supervised user's line state and calls or picks up.</summary>
    Supervision,
    SpeedDial,
}
