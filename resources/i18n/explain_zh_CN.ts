<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>explain</name>
    <message>
        <source>pos_weight scales the positive (y) term only.</source>
        <translation>pos_weight 只放大正样本（y）那一项。</translation>
    </message>
    <message>
        <source>torch computes (1 − y)·z − (1 + (pos_weight − 1)·y)·logσ(z) with logσ(z) = min(z, 0) − log1p(exp(−|z|)): the same number, stable for any z.</source>
        <translation>torch 计算的是 (1 − y)·z − (1 + (pos_weight − 1)·y)·logσ(z)，其中 logσ(z) = min(z, 0) − log1p(exp(−|z|))：数值相同，且对任意 z 都数值稳定。</translation>
    </message>
    <message>
        <source>In {dtype}, σ({z}) rounds to exactly {p}: BCELoss then clamps log(0) to −100. BCEWithLogitsLoss avoids this.</source>
        <translation>在 {dtype} 下，σ({z}) 恰好舍入为 {p}：BCELoss 于是把 log(0) 截断为 −100。BCEWithLogitsLoss 不会有这个问题。</translation>
    </message>
    <message>
        <source>∂l/∂p · p·(1 − p)   (sigmoid&apos;s derivative)</source>
        <translation>∂l/∂p · p·(1 − p)   （sigmoid 的导数）</translation>
    </message>
    <message>
        <source>torch&apos;s backward divides by max(x·(1 − x), 1e-12) and ignores the −100 clamp of the forward.</source>
        <translation>torch 的反向传播除以 max(x·(1 − x), 1e-12)，并忽略前向中 −100 的截断。</translation>
    </message>
    <message>
        <source> … ({count} rows)</source>
        <extracomment>The blog-style sum over every class is written out up to this many classes.</extracomment>
        <translation> …（共 {count} 行）</translation>
    </message>
    <message>
        <source>Excluded: row(s) {rows} (target = ignore_index = {ignore}): loss 0, not counted in D.</source>
        <translation>已排除：第 {rows} 行（target = ignore_index = {ignore}）：损失为 0，不计入 D。</translation>
    </message>
    <message>
        <source>number of non-ignored rows</source>
        <translation>未被忽略的行数</translation>
    </message>
    <message>
        <source>Σ_n w[y_n] over non-ignored rows</source>
        <translation>Σ_n w[y_n]（对未被忽略的行求和）</translation>
    </message>
    <message>
        <source>This sample&apos;s loss</source>
        <translation>本样本的损失</translation>
    </message>
    <message>
        <source>0 (ignored)</source>
        <translation>0（被忽略）</translation>
    </message>
    <message>
        <source>The target {y} equals ignore_index: torch skips this sample.</source>
        <translation>目标 {y} 等于 ignore_index：torch 跳过这个样本。</translation>
    </message>
    <message>
        <source>0 (ignored sample)</source>
        <translation>0（被忽略的样本）</translation>
    </message>
    <message>
        <source>ε / C  (every other class)</source>
        <translation>ε / C  （其他每个类别）</translation>
    </message>
    <message>
        <source>N = numel / C (samples)</source>
        <translation>N = numel / C（样本数）</translation>
    </message>
    <message>
        <source>torch computes log_softmax(z) = z − m − log Σ exp(z − m) (m = row max): the same numbers as log(p), without overflow.</source>
        <translation>torch 计算的是 log_softmax(z) = z − m − log Σ exp(z − m)（m 为该行最大值）：与 log(p) 数值相同，但不会上溢。</translation>
    </message>
    <message>
        <source>{symbol}_t(s) (log space); highlighted: t = {t}, the columns whose label is {c}</source>
        <extracomment>The lattice is drawn up to this many time steps and extended labels.</extracomment>
        <translation>{symbol}_t(s)（对数空间）；高亮：t = {t}，以及标签为 {c} 的列</translation>
    </message>
    <message>
        <source>−inf terms (unreachable states) are left out</source>
        <translation>省略了 −inf 项（不可达的状态）</translation>
    </message>
    <message>
        <source>Target l = {labels} (L = {count}); extended l&apos; = ({extended}), ∅ = blank = {blank}; input length T = {length}.</source>
        <translation>目标 l = {labels}（L = {count}）；扩展后 l&apos; = ({extended})，∅ = blank = {blank}；输入长度 T = {length}。</translation>
    </message>
    <message>
        <source>α_t(s): log-probability of every alignment of l&apos;_0..l&apos;_s to the steps 0..t; β_t(s): of every alignment of l&apos;_s..l&apos;_end to t..T−1 (both include lp[t, l&apos;_s]).</source>
        <translation>α_t(s)：把 l&apos;_0..l&apos;_s 对齐到时间步 0..t 的所有对齐方式的对数概率；β_t(s)：把 l&apos;_s..l&apos;_end 对齐到 t..T−1 的所有对齐方式的对数概率（两者都包含 lp[t, l&apos;_s]）。</translation>
    </message>
    <message>
        <source>N = batch size</source>
        <translation>N = 批大小</translation>
    </message>
    <message>
        <source>&apos;mean&apos; first divides each loss_b by max(L_b, 1) (its target length), then averages over the batch: Σ l below is Σ_b loss_b / max(L_b, 1).</source>
        <translation>&apos;mean&apos; 先把每个 loss_b 除以 max(L_b, 1)（其目标长度），再对批次求平均：下面的 Σ l 即 Σ_b loss_b / max(L_b, 1)。</translation>
    </message>
    <message>
        <source>0   (t = {t} ≥ input length {length})</source>
        <translation>0   （t = {t} ≥ 输入长度 {length}）</translation>
    </message>
    <message>
        <source>the share of all alignments that emit class c at step t</source>
        <translation>在时间步 t 输出类别 c 的对齐方式所占的比例</translation>
    </message>
    <message>
        <source>0   (no alignment emits c at t)</source>
        <translation>0   （没有对齐方式在 t 输出 c）</translation>
    </message>
    <message>
        <source>torch&apos;s CTC backward; in logits mode log_softmax passes it through unchanged (its entries at t sum to 0)</source>
        <translation>torch 的 CTC 反向传播；在 logits 模式下 log_softmax 原样传递它（它在 t 处的各项之和为 0）</translation>
    </message>
    <message>
        <source>torch&apos;s CTC backward, the gradient with respect to log_probs</source>
        <translation>torch 的 CTC 反向传播，即对 log_probs 的梯度</translation>
    </message>
    <message>
        <source>class c</source>
        <translation>类别 c</translation>
    </message>
    <message>
        <source>sample b</source>
        <translation>样本 b</translation>
    </message>
    <message>
        <source>CTC sums the probability of every alignment of the target to the input (repeats merged, blanks dropped); α and β organise that sum step by step.</source>
        <translation>CTC 对目标与输入之间所有对齐方式的概率求和（合并重复、去掉 blank）；α 和 β 把这个求和逐步组织起来。</translation>
    </message>
    <message>
        <source>Σ p·t   (the soft overlap)</source>
        <extracomment>Sums over a sample are written out up to this many elements.</extracomment>
        <translation>Σ p·t   （软重叠）</translation>
    </message>
    <message>
        <source>The sample has {count} element(s); s = smooth = {s}.</source>
        <translation>该样本有 {count} 个元素；s = smooth = {s}。</translation>
    </message>
    <message>
        <source>N = number of samples</source>
        <translation>N = 样本数</translation>
    </message>
    <message>
        <source>Dice measures overlap relative to size, so it is not swamped by a large background; s keeps empty samples at loss 0 and smooths the gradient.</source>
        <translation>Dice 衡量相对于大小的重叠，因此不会被大片背景淹没；s 让空样本的损失保持为 0，并使梯度更平滑。</translation>
    </message>
    <message>
        <source>−t·x  (t = 0: torch&apos;s xlogy makes 0·log 0 = 0)</source>
        <translation>−t·x  （t = 0：torch 的 xlogy 令 0·log 0 = 0）</translation>
    </message>
    <message>
        <source>−t_{k} + p_{k}·T   (through log_softmax)</source>
        <translation>−t_{k} + p_{k}·T   （经过 log_softmax）</translation>
    </message>
    <message>
        <source>The gradient does not depend on x.</source>
        <translation>梯度与 x 无关。</translation>
    </message>
    <message>
        <source>numel (every element, not the batch size)</source>
        <translation>numel（全部元素，而不是批大小）</translation>
    </message>
    <message>
        <source>&apos;batchmean&apos; is the KL divergence of the math definition; &apos;mean&apos; also divides by the number of classes.</source>
        <translation>&apos;batchmean&apos; 才是数学定义中的 KL 散度；&apos;mean&apos; 还会再除以类别数。</translation>
    </message>
    <message>
        <source>{name} = {value} ≥ 0: the hinge is active (it adds loss and gradient).</source>
        <translation>{name} = {value} ≥ 0：hinge（合页）处于激活状态（贡献损失和梯度）。</translation>
    </message>
    <message>
        <source>{name} = {value} &lt; 0: the hinge is inactive (no loss, no gradient).</source>
        <translation>{name} = {value} &lt; 0：hinge（合页）未激活（没有损失，也没有梯度）。</translation>
    </message>
    <message>
        <source>1 − cos   (y = 1: a similar pair)</source>
        <extracomment>Sums over the components are written out up to this many. ``CosineEmbeddingLoss``&apos;s ε: float32(1e-12), also for float64 inputs.</extracomment>
        <translation>1 − cos   （y = 1：相似样本对）</translation>
    </message>
    <message>
        <source>max(0, h)   (y = −1: a dissimilar pair)</source>
        <translation>max(0, h)   （y = −1：不相似样本对）</translation>
    </message>
    <message>
        <source>0   (y is neither 1 nor −1)</source>
        <translation>0   （y 既不是 1 也不是 −1）</translation>
    </message>
    <message>
        <source>N = number of pairs</source>
        <translation>N = 样本对数</translation>
    </message>
    <message>
        <source>Similar pairs are pulled to cos = 1; dissimilar ones pushed below cos = margin.</source>
        <translation>相似样本对被拉向 cos = 1；不相似样本对被推到 cos = margin 以下。</translation>
    </message>
    <message>
        <source>‖first‖ = {first}, ‖second‖ = {second} (each at least 1e-8)</source>
        <translation>‖first‖ = {first}，‖second‖ = {second}（各自至少为 1e-8）</translation>
    </message>
    <message>
        <source>d = {formula}, over the {count} components of each row.</source>
        <translation>d = {formula}，对每行的 {count} 个分量计算。</translation>
    </message>
    <message>
        <source>min(d(a, n), d(p, n))   (swap)</source>
        <translation>min(d(a, n), d(p, n))   （swap）</translation>
    </message>
    <message>
        <source>swap picked d(p, n): the positive is closer to the negative than the anchor is, so the harder negative distance is the positive&apos;s (no anchor gradient through it).</source>
        <translation>swap 选择了 d(p, n)：正样本比锚点更接近负样本，因此更难的负样本距离来自正样本（锚点不经由它获得梯度）。</translation>
    </message>
    <message>
        <source>swap: d(p, n) = d(a, n), a tie; the gradient is shared half and half.</source>
        <translation>swap：d(p, n) = d(a, n)，二者相等；梯度各分一半。</translation>
    </message>
    <message>
        <source>swap kept d(a, n): the anchor is closer to the negative than the positive is.</source>
        <translation>swap 保留了 d(a, n)：锚点比正样本更接近负样本。</translation>
    </message>
    <message>
        <source>N = number of triplets</source>
        <translation>N = 三元组数</translation>
    </message>
    <message>
        <source>The anchor should be closer to the positive than to the negative by at least the margin; once it is, the triplet adds nothing.</source>
        <translation>锚点到正样本的距离应比到负样本的距离至少小一个间隔（margin）；一旦做到，这个三元组就不再贡献损失。</translation>
    </message>
    <message>
        <source>the probability given to the true answer</source>
        <translation>赋予正确答案的概率</translation>
    </message>
    <message>
        <source>small for easy elements (p_t near 1)</source>
        <translation>对容易的元素较小（p_t 接近 1）</translation>
    </message>
    <message>
        <source>Focal loss is BCEWithLogitsLoss times (1 − p_t)^γ: confident, correct elements are down-weighted, so hard elements dominate the gradient.</source>
        <translation>Focal loss 等于 BCEWithLogitsLoss 乘以 (1 − p_t)^γ：自信且正确的元素被降低权重，因此困难元素主导梯度。</translation>
    </message>
    <message>
        <source>A negative α switches the α_t weighting off.</source>
        <translation>α 为负时关闭 α_t 加权。</translation>
    </message>
    <message>
        <source>the formula above</source>
        <translation>上面的公式</translation>
    </message>
    <message>
        <source>from the engine</source>
        <translation>来自计算引擎</translation>
    </message>
    <message>
        <source>This element&apos;s loss</source>
        <translation>本元素的损失</translation>
    </message>
    <message>
        <source>No step-by-step substitution is written for {name} yet: the numbers shown are the engine&apos;s, which match torch.</source>
        <translation>尚未为 {name} 编写逐步代入：显示的数值来自计算引擎，与 torch 一致。</translation>
    </message>
    <message>
        <source>activation</source>
        <extracomment>Step kinds that get a small tag next to their symbol (translated when shown).</extracomment>
        <translation>激活</translation>
    </message>
    <message>
        <source>log</source>
        <translation>对数</translation>
    </message>
    <message>
        <source>weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>smoothing</source>
        <translation>平滑</translation>
    </message>
    <message>
        <source>margin</source>
        <translation>间隔</translation>
    </message>
    <message>
        <source>Formula (torch):</source>
        <translation>公式（torch）：</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>exp(x) − y·x   (x = log rate)</source>
        <extracomment>2π with every digit float64 keeps.</extracomment>
        <translation>exp(x) − y·x   （x = 对数速率）</translation>
    </message>
    <message>
        <source>x − y·log(x + eps)   (x = rate)</source>
        <translation>x − y·log(x + eps)   （x = 速率）</translation>
    </message>
    <message>
        <source>y·log(y) − y + 0.5·log(2π·y)   (Stirling, since y &gt; 1)</source>
        <translation>y·log(y) − y + 0.5·log(2π·y)   （Stirling 近似，因为 y &gt; 1）</translation>
    </message>
    <message>
        <source>0   (the Stirling term is 0 where y ≤ 1)</source>
        <translation>0   （y ≤ 1 时 Stirling 项为 0）</translation>
    </message>
    <message>
        <source>The Poisson negative log-likelihood of y counts at rate exp(x) (log_input=True) or x, without the log(y!) constant unless full=True (then Stirling&apos;s approximation of it).</source>
        <translation>速率为 exp(x)（log_input=True）或 x 时观测到 y 次计数的泊松负对数似然；不含常数 log(y!)，除非 full=True（此时加上它的 Stirling 近似）。</translation>
    </message>
    <message>
        <source>The Stirling term does not depend on x.</source>
        <translation>Stirling 项与 x 无关。</translation>
    </message>
    <message>
        <source>var &lt; eps: clamped to eps</source>
        <translation>var &lt; eps：截断为 eps</translation>
    </message>
    <message>
        <source>The negative log-likelihood of y under a Gaussian of mean x and variance var: a large var forgives a large error, at the price of log(var).</source>
        <translation>y 在均值为 x、方差为 var 的高斯分布下的负对数似然：较大的 var 能容忍较大的误差，代价是 log(var) 项。</translation>
    </message>
    <message>
        <source>The clamp to eps happens outside autograd: the gradient is taken at the clamped v.</source>
        <translation>对 eps 的截断发生在自动求导之外：梯度在截断后的 v 处计算。</translation>
    </message>
    <message>
        <source>About d²/2 for small errors (like MSE) and |d| − log 2 for large ones (like L1); the engine uses |d| + log1p(exp(−2|d|)) − log 2 beyond |d| = 1, which does not overflow.</source>
        <translation>误差小时约为 d²/2（类似 MSE），误差大时约为 |d| − log 2（类似 L1）；当 |d| &gt; 1 时计算引擎使用 |d| + log1p(exp(−2|d|)) − log 2，不会上溢。</translation>
    </message>
    <message>
        <source>positive when the sign of x disagrees with the label y</source>
        <translation>当 x 的符号与标签 y 不一致时为正</translation>
    </message>
    <message>
        <source>−y·exp(m) / (1 + exp(m))  (= −y·σ(−y·x))</source>
        <translation>−y·exp(m) / (1 + exp(m))  （= −y·σ(−y·x)）</translation>
    </message>
    <message>
        <source>A smooth hinge: no margin is ever fully met, so every element keeps a small gradient.</source>
        <translation>一种平滑的 hinge（合页）：间隔永远不会被完全满足，所以每个元素都保留一点梯度。</translation>
    </message>
    <message>
        <source>x + max(0, margin − x)   (y is neither 1 nor −1: both terms)</source>
        <translation>x + max(0, margin − x)   （y 既不是 1 也不是 −1：两项都有）</translation>
    </message>
    <message>
        <source>max(0, margin − x)   (y = −1: a dissimilar pair)</source>
        <translation>max(0, margin − x)   （y = −1：不相似样本对）</translation>
    </message>
    <message>
        <source>x   (y = 1: a similar pair)</source>
        <translation>x   （y = 1：相似样本对）</translation>
    </message>
    <message>
        <source>Similar pairs (y = 1) are pulled together by their distance x itself; dissimilar ones (y = −1) are pushed apart only while x &lt; margin.</source>
        <translation>相似样本对（y = 1）直接被其距离 x 拉近；不相似样本对（y = −1）仅在 x &lt; margin 时被推开。</translation>
    </message>
    <message>
        <source>Squaring the hinge makes the loss smooth at the margin and charges large violations quadratically.</source>
        <translation>对 hinge（合页）取平方使损失在间隔处平滑，并对大的违背按平方计罚。</translation>
    </message>
    <message>
        <source>y = 1 asks input1 to score above input2 by at least the margin, y = −1 the reverse; the gradient shown is for input1 (input2 gets its negative).</source>
        <translation>y = 1 要求 input1 的得分比 input2 至少高出间隔（margin），y = −1 则相反；显示的是 input1 的梯度（input2 的梯度为其相反数）。</translation>
    </message>
    <message>
        <source>active</source>
        <extracomment>Every pair&apos;s ``z`` is written as a step up to this many pairs.</extracomment>
        <translation>激活</translation>
    </message>
    <message>
        <source>inactive (z ≤ 0: no loss, no gradient)</source>
        <translation>未激活（z ≤ 0：没有损失，也没有梯度）</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Target class y = {y}; active classes (z_i &gt; 0): {names}.</source>
        <translation>目标类别 y = {y}；激活的类别（z_i &gt; 0）：{names}。</translation>
    </message>
    <message>
        <source>{count} other classes; the z_i not shown are computed alike.</source>
        <translation>另有 {count} 个类别；未显示的 z_i 按同样方式计算。</translation>
    </message>
    <message>
        <source>{formula}  (active i only)</source>
        <translation>{formula}  （仅对激活的 i）</translation>
    </message>
    <message>
        <source>Each other class i whose score comes within the margin of the target&apos;s adds a hinge; the weight is the target class&apos;s, w[y].</source>
        <translation>得分与目标类别得分之差在间隔（margin）以内的每个其他类别 i 都贡献一个 hinge（合页）项；权重取目标类别的 w[y]。</translation>
    </message>
    <message>
        <source>Listed classes J = {listed} (the target row up to its first −1); unlisted: {unlisted}.</source>
        <translation>列出的类别 J = {listed}（目标行中第一个 −1 之前的部分）；未列出的：{unlisted}。</translation>
    </message>
    <message>
        <source>{count} pair(s) (j ∈ J, i ∉ J); active (z &gt; 0): {active}.</source>
        <translation>共 {count} 对（j ∈ J，i ∉ J）；激活的（z &gt; 0）：{active}。</translation>
    </message>
    <message>
        <source>{formula}  (active pairs)</source>
        <translation>{formula}  （仅对激活的对）</translation>
    </message>
    <message>
        <source>−#(active pairs with j = {k}) / C</source>
        <translation>−#(j = {k} 的激活对) / C</translation>
    </message>
    <message>
        <source>#(active pairs with i = {k}) / C</source>
        <translation>#(i = {k} 的激活对) / C</translation>
    </message>
    <message>
        <source>Every listed class should score at least 1 above every unlisted one; a listed class given twice counts twice.</source>
        <translation>每个列出的类别的得分都应比每个未列出的类别至少高 1；重复列出的类别计两次。</translation>
    </message>
    <message>
        <source>{count} classes; the other classes&apos; terms are computed the same way.</source>
        <extracomment>Every class&apos;s term is written out up to this many classes.</extracomment>
        <translation>共 {count} 个类别；其他类别的项按同样方式计算。</translation>
    </message>
    <message>
        <source>{count} classes, each a binary question.</source>
        <translation>共 {count} 个类别，每个都是一个二分类问题。</translation>
    </message>
    <message>
        <source>With &apos;mean&apos; this equals BCEWithLogitsLoss on the same logits and targets (both average every element&apos;s binary cross-entropy).</source>
        <translation>使用 &apos;mean&apos; 时，它等于同样 logits 和目标上的 BCEWithLogitsLoss（两者都对每个元素的二元交叉熵求平均）。</translation>
    </message>
    <message>
        <source>through log_softmax: ∂l/∂z_k = ∂l/∂x_k − p_k·Σ_c ∂l/∂x_c</source>
        <translation>经过 log_softmax：∂l/∂z_k = ∂l/∂x_k − p_k·Σ_c ∂l/∂x_c</translation>
    </message>
    <message>
        <source>NLLLoss&apos;s gradient does not depend on the input&apos;s values.</source>
        <translation>NLLLoss 的梯度与输入的值无关。</translation>
    </message>
    <message>
        <source>NLLLoss takes log-probabilities as given: it does not check that they are.</source>
        <translation>NLLLoss 把输入直接当作对数概率：它不检查输入是否真的是对数概率。</translation>
    </message>
    <message>
        <source>cross-entropy&apos;s gradient, scaled by 1 + ε·p_t</source>
        <translation>交叉熵的梯度，乘以 1 + ε·p_t</translation>
    </message>
    <message>
        <source>N = number of targets</source>
        <translation>N = 目标数</translation>
    </message>
    <message>
        <source>ε = 0 gives CrossEntropyLoss; ε &gt; 0 pushes harder on confident mistakes.</source>
        <translation>ε = 0 即为 CrossEntropyLoss；ε &gt; 0 对自信的错误惩罚更重。</translation>
    </message>
    <message>
        <source>the loss&apos;s divisor</source>
        <extracomment>Sums with more terms than this are stated, not written out.</extracomment>
        <translation>该损失的除数</translation>
    </message>
    <message>
        <source>number of elements (numel)</source>
        <translation>元素个数（numel）</translation>
    </message>
    <message>
        <source>number of {label}</source>
        <translation>{label} 的数量</translation>
    </message>
    <message>
        <source>{count} element(s) have weight 0: they add 0 to Σ l but still count in D (torch divides by the number of elements).</source>
        <translation>有 {count} 个元素的权重为 0：它们对 Σ l 贡献 0，但仍计入 D（torch 除以元素个数）。</translation>
    </message>
    <message>
        <source>Excluded: {count} element(s) with weight 0 (they add 0 to Σ l and Σ w).</source>
        <translation>已排除：{count} 个权重为 0 的元素（它们对 Σ l 和 Σ w 都贡献 0）。</translation>
    </message>
    <message>
        <source>The unreduced loss has {count} value(s).</source>
        <translation>未归约的损失共有 {count} 个值。</translation>
    </message>
    <message>
        <source>The unreduced loss has {count} value(s) (this element is {l}).</source>
        <translation>未归约的损失共有 {count} 个值（本元素为 {l}）。</translation>
    </message>
    <message>
        <source>reduction=&apos;none&apos;: the module returns every value; the gradient shown is that of their sum.</source>
        <translation>reduction=&apos;none&apos;：模块返回每一个值；显示的梯度是它们之和的梯度。</translation>
    </message>
    <message>
        <source>Reduction &apos;none&apos;</source>
        <translation>归约 &apos;none&apos;（不归约）</translation>
    </message>
    <message>
        <source>Reduction &apos;sum&apos;</source>
        <translation>归约 &apos;sum&apos;（求和）</translation>
    </message>
    <message>
        <source>sum of the unreduced values</source>
        <translation>未归约值之和</translation>
    </message>
    <message>
        <source>Reduction &apos;batchmean&apos;</source>
        <translation>归约 &apos;batchmean&apos;</translation>
    </message>
    <message>
        <source>Reduction &apos;mean&apos;</source>
        <translation>归约 &apos;mean&apos;（平均）</translation>
    </message>
    <message>
        <source>With reduction=&apos;none&apos; this is the gradient of Σ l, what loss.sum().backward() gives.</source>
        <translation>在 reduction=&apos;none&apos; 下，这是 Σ l 的梯度，即 loss.sum().backward() 得到的结果。</translation>
    </message>
    <message>
        <source>β = 0: SmoothL1Loss is L1Loss.</source>
        <translation>β = 0：SmoothL1Loss 就是 L1Loss。</translation>
    </message>
    <message>
        <source>|d| = {d} &lt; β = {beta}: the quadratic branch.</source>
        <translation>|d| = {d} &lt; β = {beta}：二次分支。</translation>
    </message>
    <message>
        <source>|d| = {d} ≥ β = {beta}: the linear branch.</source>
        <translation>|d| = {d} ≥ β = {beta}：线性分支。</translation>
    </message>
    <message>
        <source>|d| = {d} &lt; δ = {delta}: the quadratic branch.</source>
        <translation>|d| = {d} &lt; δ = {delta}：二次分支。</translation>
    </message>
    <message>
        <source>|d| = {d} ≥ δ = {delta}: the linear branch (the gradient is clipped to ±δ).</source>
        <translation>|d| = {d} ≥ δ = {delta}：线性分支（梯度被裁剪到 ±δ）。</translation>
    </message>
    <message>
        <source>Σ w  (the weighted mean of F.l1_loss / F.mse_loss)</source>
        <translation>Σ w  （F.l1_loss / F.mse_loss 的加权平均）</translation>
    </message>
    <message>
        <source>m = {m}, the row&apos;s maximum</source>
        <extracomment>Rows with a logit beyond this are shifted by their maximum before exp.</extracomment>
        <translation>m = {m}，该行的最大值</translation>
    </message>
    <message>
        <source>Σ_j exp(z_j{m}) over {count} classes</source>
        <translation>Σ_j exp(z_j{m})，对 {count} 个类别求和</translation>
    </message>
    <message>
        <source>exact arithmetic gives {exact}; torch&apos;s rounding gives {shown}</source>
        <extracomment>Operands are never shown with more digits than float64 needs.</extracomment>
        <translation>精确计算得 {exact}；torch 的舍入得 {shown}</translation>
    </message>
    <message>
        <source>exact arithmetic gives {exact}; torch&apos;s {dtype} arithmetic rounds it to the value shown</source>
        <translation>精确计算得 {exact}；torch 的 {dtype} 运算将其舍入为所示的值</translation>
    </message>
    <message>
        <source>This element&apos;s loss {l}</source>
        <translation>本元素的损失 {l}</translation>
    </message>
    <message>
        <source>This sample&apos;s loss {l}</source>
        <translation>本样本的损失 {l}</translation>
    </message>
    <message>
        <source>This pair&apos;s loss {l}</source>
        <translation>本样本对的损失 {l}</translation>
    </message>
    <message>
        <source>This triplet&apos;s loss {l}</source>
        <translation>本三元组的损失 {l}</translation>
    </message>
    <message>
        <source>Gradient {symbol}</source>
        <translation>梯度 {symbol}</translation>
    </message>
    <message>
        <source>no elements</source>
        <extracomment>Digits when nobody chose: every view&apos;s default (see ``number_format``). The step-by-step builder of each loss; others use the generic one. Losses whose builder needs a row of classes (a 0-d grid gets the generic page).</extracomment>
        <translation>没有元素</translation>
    </message>
    <message>
        <source>{name}: torch raises</source>
        <translation>{name}：torch 报错</translation>
    </message>
    <message>
        <source>{name} · element {label} (row {row}, column {column})</source>
        <translation>{name} · 元素 {label}（第 {row} 行，第 {column} 列）</translation>
    </message>
    <message>
        <source>{name} · the single element</source>
        <translation>{name} · 唯一的元素</translation>
    </message>
    <message>
        <source>The linear layer&apos;s logit</source>
        <translation>线性层输出的 logit</translation>
    </message>
    <message>
        <source>The hidden state x[n] goes through the layer: z[n] = x[n]·Wᵀ + b ({count} logits, one per class).</source>
        <translation>隐藏状态 x[n] 经过线性层：z[n] = x[n]·Wᵀ + b（共 {count} 个 logits，每个类别一个）。</translation>
    </message>
    <message>
        <source>Gradient {symbol} (back through the layer)</source>
        <translation>梯度 {symbol}（反向穿过线性层）</translation>
    </message>
</context>
</TS>
