using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Localization;

namespace Saiyo.Web.Localization;

/// <summary>Model binding's own messages ("The value 'x' is not valid") in the user's language.</summary>
public sealed class LocalizedModelBindingMessages(IStringLocalizerFactory factory) : IConfigureOptions<MvcOptions>
{
    public void Configure(MvcOptions options)
    {
        var l = factory.Create(typeof(SharedResource));
        var p = options.ModelBindingMessageProvider;
        // These accessors get the attempted value, not the field's display name: a message with {0} would show raw.
        // The message stands next to its field, so it need not name it.
        p.SetValueMustNotBeNullAccessor(_ => l["Validation.ValueRequired"]);
        p.SetMissingBindRequiredValueAccessor(_ => l["Validation.ValueRequired"]);
        p.SetMissingKeyOrValueAccessor(() => l["Validation.ValueRequired"]);
        p.SetAttemptedValueIsInvalidAccessor((v, _) => l["Validation.Invalid", v]);
        p.SetUnknownValueIsInvalidAccessor(_ => l["Validation.InvalidValue"]);
        p.SetValueIsInvalidAccessor(v => l["Validation.Invalid", v]);
        p.SetValueMustBeANumberAccessor(_ => l["Validation.Number"]);
        p.SetNonPropertyAttemptedValueIsInvalidAccessor(v => l["Validation.Invalid", v]);
        p.SetNonPropertyUnknownValueIsInvalidAccessor(() => l["Validation.InvalidValue"]);
        p.SetNonPropertyValueMustBeANumberAccessor(() => l["Validation.Number"]);
        p.SetMissingRequestBodyRequiredValueAccessor(() => l["Validation.ValueRequired"]);
    }
}

/// <summary>Identity's messages (password rules, duplicate e-mail) from the resource files.</summary>
public sealed class LocalizedIdentityErrorDescriber(IStringLocalizer<SharedResource> l) : IdentityErrorDescriber
{
    private IdentityError E(string code, params object[] args) => new() { Code = code, Description = l["Identity." + code, args] };

    public override IdentityError PasswordTooShort(int length) => E(nameof(PasswordTooShort), length);
    public override IdentityError PasswordRequiresDigit() => E(nameof(PasswordRequiresDigit));
    public override IdentityError PasswordRequiresLower() => E(nameof(PasswordRequiresLower));
    public override IdentityError PasswordRequiresUpper() => E(nameof(PasswordRequiresUpper));
    public override IdentityError PasswordRequiresNonAlphanumeric() => E(nameof(PasswordRequiresNonAlphanumeric));
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => E(nameof(PasswordRequiresUniqueChars), uniqueChars);
    public override IdentityError DuplicateEmail(string email) => E(nameof(DuplicateEmail), email);
    public override IdentityError DuplicateUserName(string userName) => E(nameof(DuplicateEmail), userName);
    public override IdentityError InvalidEmail(string? email) => E(nameof(InvalidEmail), email ?? "");
    public override IdentityError InvalidUserName(string? userName) => E(nameof(InvalidEmail), userName ?? "");
    public override IdentityError PasswordMismatch() => E(nameof(PasswordMismatch));
    public override IdentityError DefaultError() => E(nameof(DefaultError));
    public override IdentityError ConcurrencyFailure() => E(nameof(ConcurrencyFailure));
}

/// <summary>Identity's (localized) errors onto the form: password rules by the password field, the rest by the e-mail field.</summary>
public static class IdentityErrorsExtensions
{
    public static void AddIdentityErrors(this ModelStateDictionary modelState, IdentityResult result, string passwordField = "", string otherField = "")
    {
        foreach (var e in result.Errors)
        {
            var field = e.Code.Contains("Password", StringComparison.Ordinal) ? passwordField : otherField;
            // A taken e-mail is also a taken user name: say it once.
            if (modelState.TryGetValue(field, out var entry) && entry.Errors.Any(x => x.ErrorMessage == e.Description)) continue;
            modelState.AddModelError(field, e.Description);
        }
    }

    /// <summary>
    /// Identity's rules for a new account (e-mail taken, password too weak) checked up front, next to the form's own, so
    /// the person sees every message at once. A field that already has a message (e.g. empty) is not judged again.
    /// </summary>
    public static async Task ValidateNewAccountAsync<TUser>(this ModelStateDictionary modelState, UserManager<TUser> users, TUser user, string password,
        string passwordField, string emailField) where TUser : class
    {
        if (modelState.GetFieldValidationState(emailField) != ModelValidationState.Invalid)
            foreach (var validator in users.UserValidators)
                modelState.AddIdentityErrors(await validator.ValidateAsync(users, user), passwordField, emailField);
        if (modelState.GetFieldValidationState(passwordField) != ModelValidationState.Invalid)
            foreach (var validator in users.PasswordValidators)
                modelState.AddIdentityErrors(await validator.ValidateAsync(users, user, password), passwordField, emailField);
    }
}
