using Sophia.Model.Numbers;

namespace Sophia.Model.Tests.Numbers;

public sealed class E164Tests
{
    [Theory]
    [InlineData("0185737636", "+33185737636")]
    [InlineData("01 85 73 76 36", "+33185737636")]
    [InlineData("+33 1 85 73 76 36", "+33185737636")]
    [InlineData("0033185737636", "+33185737636")]
    [InlineData("0654897845", "+33654897845")]
    [InlineData("+44 20 7946 0958", "+442079460958")]
    public void French_national_and_international_input_is_normalised(string input, string expected)
    {
        Assert.True(E164.TryNormalize(input, out var e164, out var error), error?.Message);
        Assert.Equal(expected, e164);
    }

    [Theory]
    [InlineData("", "required", "phoneNumber.required")]
    [InlineData("hello", "not a phone number", "phoneNumber.invalid")]
    [InlineData("01857376", "not a valid phone number", "phoneNumber.notValidInRegion")]
    public void Bad_numbers_are_refused_with_a_reason(string input, string reason, string code)
    {
        Assert.False(E164.TryNormalize(input, out _, out var error));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Equal(code, error.Code);
    }

    [Fact]
    public void National_form_is_what_a_French_user_dials() =>
        Assert.Equal("0185737636", E164.ToNational("+33185737636"));
}
