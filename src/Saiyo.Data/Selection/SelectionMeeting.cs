namespace Saiyo.Data.Selection;

/// <summary>選考会: a hiring step's container (e.g. 一次面接); holds its イベント.</summary>
public class SelectionMeeting
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid CompanyId { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    /// <summary>The 選考ステップ it belongs to (null: none chosen yet).</summary>
    public Guid? StepId { get; set; }

    public List<InterviewEvent> Events { get; set; } = [];
}
