namespace Saiyo.Data.Selection;

public enum EvaluationItemKind
{
    /// <summary>5段階: 1 to 5.</summary>
    Rating = 0,
    /// <summary>選択: one of the item's choices.</summary>
    Choice = 1,
    /// <summary>自由記述.</summary>
    Text = 2,
}

/// <summary>One item of a 選考会's 評価フォーム.</summary>
public class EvaluationItem
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid CompanyId { get; set; }
    public Guid SelectionMeetingId { get; set; }
    public int Order { get; set; }
    public required string Label { get; set; }
    public EvaluationItemKind Kind { get; set; }
    public bool Required { get; set; }
    /// <summary>For <see cref="EvaluationItemKind.Choice"/>: the choices, one a line.</summary>
    public string? Choices { get; set; }
}

/// <summary>推奨: the interviewer's overall recommendation.</summary>
public enum Recommendation
{
    Pass = 0,
    Hold = 1,
    Reject = 2,
}

/// <summary>One 面接官's 評価 of one applicant in one 選考会.</summary>
public class Evaluation
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid CompanyId { get; set; }
    public Guid SelectionMeetingId { get; set; }
    public Guid ApplicantId { get; set; }
    public Guid InterviewerId { get; set; }
    public Recommendation Recommendation { get; set; }
    /// <summary>Answers by item id (JSON object: item id → value); items removed later are simply not shown.</summary>
    public required string Answers { get; set; }
    public DateTime SubmittedAtUtc { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
}

/// <summary>
/// The one reminder an assigned 面接官 gets when their 評価 of an applicant booked on a 日程 is still missing some hours
/// after its end. The unique row is the claim: of several nodes, only the one that inserts it sends the mail.
/// </summary>
public class EvaluationReminder
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid CompanyId { get; set; }
    public Guid ScheduleId { get; set; }
    public Guid ApplicantId { get; set; }
    public Guid InterviewerId { get; set; }
    public DateTime SentAtUtc { get; set; }
}
